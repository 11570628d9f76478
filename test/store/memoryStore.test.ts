import { MemoryStore } from '../../src/store/memoryStore';
import { storeContract } from './storeContract';

storeContract('memory', async () => new MemoryStore());
