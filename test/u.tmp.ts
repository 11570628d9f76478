import { loadRecognizer } from '/work/main/intents';
const r = loadRecognizer();
for (const t of process.argv.slice(2)) { const u = r.understand(t); console.log(t, u.category, u.confidence, u.smallTalk, JSON.stringify(u.issues), JSON.stringify(u.slots), u.emotion.anger); }
