import { namesHomeDevice, PHONE_MODEL_WORDS } from './devices';
import type { FollowUpQuestion } from './followUpQuestion';

const PLACE_WORDS = /(我|在|回|老)家|家里|家中|小区|路|街|村|镇|大厦|广场|商场|公司|学校|地铁|车库|地下室|楼|家里|屋里|室内|室外|附近/;
const NEIGHBOUR_WORDS = /别人|其他人|邻居|家人|家里人|同事|朋友|周围|身边|大家|都这样|也这样|也不行|也是|就我/;
/** Slow home broadband is asked about the line, not the phone: where it is installed, how the neighbours fare. */
const mobile = (told: string) => !namesHomeDevice(told);

export const PRODUCT_QUALITY_QUESTIONS: FollowUpQuestion[] = [
  {
    id: 'place',
    label: '地点',
    essential: true,
    filledBy: ['place'],
    answeredBy: PLACE_WORDS,
    // A bare device («光猫», «手机») says what fails, not where: a note, never «地点：光猫».
    fits: /^(?!\s*(?:光猫|猫|路由器?|机顶盒|手机|宽带|电视|wifi|座机|固话)\s*[。.!！]?\s*$)/i,
    askedAbout: mobile,
    ask: [
      '信号不好的地方大概在哪儿？说个小区、路名或附近的地标就行，室内还是室外也告诉我一声。',
      '方便说一下是在什么位置出的问题吗？比如哪个小区、哪条路，是在屋里还是外面。',
    ],
    askSimply: '您是在哪儿用手机不好使？说个小区或者路名就行。',
  },
  {
    id: 'lineAddress',
    label: '地点',
    essential: true,
    filledBy: ['place'],
    // «我家» is no address for a home line: the engineer needs the community and the building.
    answeredBy: /小区|路|街|村|镇|大厦|公寓|花园|苑|栋|幢|单元|号楼|室/,
    askedAbout: namesHomeDevice,
    ask: ['您家的宽带装在哪个地址？说到小区和楼栋就行，方便同事排查线路。', '麻烦说一下装宽带的地址，哪个小区、几号楼就可以。'],
    askSimply: '宽带装在哪儿？说个小区和楼号就行。',
  },
  {
    id: 'since',
    label: '时间',
    essential: true,
    filledBy: ['date', 'time', 'duration'],
    answeredBy:
      /从.{0,10}(开始|以来|起)|最近|这几天|好几天|一直|每天|天天|经常|总是|老是|晚上|早上|白天|上午|下午|中午|半夜|昨天|前天|今天|上周|上个?星期|[0-9一二两三四五六七八九十几半]+\s*(天|周|个?星期|个?月|年)/,
    ask: ['这种情况是从什么时候开始的？一般在什么时间段比较明显？', '大概从哪天开始出现的？是一直这样，还是某些时段特别严重？'],
    askSimply: '这个问题是从哪天开始的？',
  },
  {
    id: 'phoneModel',
    label: '手机型号',
    essential: false,
    filledBy: ['phoneModel'],
    answeredBy: PHONE_MODEL_WORDS,
    askedAbout: mobile,
    ask: ['方便说一下您用的手机型号吗？比如华为 Mate 60、iPhone 15 这样。', '您用的是什么牌子、什么型号的手机？'],
    askSimply: '您用的是什么手机？',
  },
  {
    id: 'neighbours',
    yesNo: { yes: '身边的人也这样', no: '只有自己这样' },
    label: '周边情况',
    essential: false,
    answeredBy: NEIGHBOUR_WORDS,
    askedAbout: mobile,
    ask: ['您身边的家人、邻居或同事，用手机时也有同样的情况吗？', '附近其他人的手机也这样吗，还是只有您的手机有问题？'],
    askSimply: '您家里人或邻居的手机也这样吗？',
  },
  {
    id: 'neighboursLine',
    yesNo: { yes: '邻居家也这样', no: '只有自己家这样' },
    label: '周边情况',
    essential: false,
    answeredBy: NEIGHBOUR_WORDS,
    askedAbout: namesHomeDevice,
    ask: ['同一个小区的邻居，宽带也有这种情况吗？', '您知道邻居家的网是不是也这样？还是只有您家这样？'],
    askSimply: '邻居家的网也这样吗？',
  },
];

/** Slow data or weak signal: the self-checks are worth offering before anything else. */
export const SELF_CHECK_WORTHY = /网速|网很慢|网太慢|网络慢|上网慢|卡顿|很卡|好卡|太卡|信号|上不了网|没网|断网|4g|5g|流量用不了/i;
