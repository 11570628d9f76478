import { html } from 'htm/preact';
import type { Session } from '../../agent/model';
import { StaffApp } from '../../shared/StaffApp';
import { ReportsApi } from '../api';
import { Reports } from './Reports';

const createApi = (session: Session, expire: () => void) => new ReportsApi(session, expire);
const LOGIN = { title: '投诉报表', hint: '请使用员工账号登录，查看投诉量、及时率、解决率和满意度。', autoFocus: false };

/** The session kept in this tab (shared with the agent console), else the login form. */
export function App() {
  return html`<${StaffApp} createApi=${createApi} Page=${Reports} login=${LOGIN} expiredNotice="登录已过期，请重新登录。" />`;
}
