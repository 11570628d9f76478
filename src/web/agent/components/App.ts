import { html } from 'htm/preact';
import { StaffApp } from '../../shared/StaffApp';
import { Api } from '../api';
import type { Session } from '../model';
import { Console } from './Console';

const createApi = (session: Session, expire: () => void) => new Api(session, expire);
const LOGIN = { title: '坐席工作台', hint: '在线客服登录后即可接单、回复客户和办结投诉。' };

/** Login, or the console for the session kept in this tab; a 401 anywhere leads back to login. */
export function App() {
  return html`<${StaffApp} createApi=${createApi} Page=${Console} login=${LOGIN} />`;
}
