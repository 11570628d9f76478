/**
 * Indoors, outdoors or underground: the first thing network optimisation asks about weak signal
 * (DOMAIN.md «What to ask per category»). Kept apart from the address because customers often
 * say only this («家里没信号», «地下车库一格都没有»), and 家里 is no address.
 */
import { RegexGate } from './regexGate';

export type PlaceSetting = '室内' | '室外' | '地下';

/** Basements, garages, lifts and the metro: deep-coverage spots, the same case for the network team. */
const UNDERGROUND =
  /地下室|地下车库|地下停车场|地下商场|地下[一二三四五\d][层楼]|地库|车库|负[一二三四五\d][层楼]|B[1-5](?:层|楼)|电梯|地铁|\d+号线|隧道/g;
const INDOOR =
  /室内|屋里|屋内|屋子里|房间|房子里|卧室|客厅|厨房|卫生间|厕所|家里|家中|在家|回家|到家|进家|进屋|屋头|屋企|办公室|公司里|单位里|宿舍|车间|厂房|病房|教室|商场里|超市里|店里|大厦里|楼里|影院里|候车室|候车厅|航站楼|酒店里|出租屋|厅里|楼道/g;
const OUTDOOR =
  /室外|户外|屋外|外面|外头|马路上|马路边|路上|街上|路边|门口|田里|地里|山上|山顶|野外|院子|开车|高速上|出门|出街|广场上|公园里|操场|工地|江边|河边|海边|湖边/g;

/** «不是地下室», «除了家里»: the word names where it is not. */
const NEGATED_BEFORE = /(?:不是|不在|并非|除了|不方便|没法|不能|不)(?:在)?$/;
/** «室外还可以», «出门就好了»: the place mentioned is where it works. */
const WORKS_AFTER = /^.{0,4}?(?:还行|还可以|没问题|正常|挺好|好好的|就好|就有|都好|倒是好)/;
/** «地铁站A出口附近»: outside the station. */
const OUTSIDE_STATION = /^站?[A-Za-z]?\d*号?出口/;

interface Hit {
  at: number;
  setting: PlaceSetting;
}

function hits(text: string, pattern: RegExp, setting: PlaceSetting): Hit[] {
  const found: Hit[] = [];
  pattern.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(text))) {
    const before = text.slice(Math.max(0, m.index - 4), m.index);
    const after = text.slice(m.index + m[0].length);
    if (NEGATED_BEFORE.test(before) || WORKS_AFTER.test(after)) continue;
    if (setting === '地下' && OUTSIDE_STATION.test(after)) continue;
    found.push({ at: m.index, setting });
  }
  return found;
}

const GATE = new RegexGate([UNDERGROUND, INDOOR, OUTDOOR]);

/** Where the problem is: underground wins (it is the most specific), else the first indoor or outdoor word. */
export function findPlaceSetting(text: string): PlaceSetting | undefined {
  const may = GATE.scan(text);
  if (may === 0) return undefined;
  if (GATE.may(may, UNDERGROUND) && hits(text, UNDERGROUND, '地下').length) return '地下';
  const indoor = GATE.may(may, INDOOR) ? hits(text, INDOOR, '室内') : [];
  const outdoor = GATE.may(may, OUTDOOR) ? hits(text, OUTDOOR, '室外') : [];
  const first = [...indoor, ...outdoor].sort((a, b) => a.at - b.at)[0];
  return first?.setting;
}
