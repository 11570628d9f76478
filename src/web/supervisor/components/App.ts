import { html } from 'htm/preact';
import type { Session } from '../../agent/model';
import { StaffApp } from '../../shared/StaffApp';
import { SupervisorApi } from '../api';
import { Desk } from './Desk';

const createApi = (session: Session, expire: () => void) => new SupervisorApi(session, expire);
const LOGIN = { title: '值班监控台', hint: '值班主管登录后可查看全部会话、接管或改派卡顿的会话。' };

/** The console's login (and its tab-scoped session), then the supervisor's desk. */
export function App() {
  return html`<${StaffApp} createApi=${createApi} Page=${Desk} login=${LOGIN} />`;
}
