// Korean renderings of the API's numbers: money is an integer of 만원, areas are ㎡.

const PYEONG_M2 = 3.3058;
const GROUPED = new Intl.NumberFormat("ko-KR");

/** 123000 → "12억 3,000만원", 120000 → "12억원", 8000 → "8,000만원", 0 → "0원". */
export function won(manwon) {
  if (manwon === null || manwon === undefined || Number.isNaN(Number(manwon))) return "-";
  const value = Math.round(Number(manwon));
  if (value === 0) return "0원";
  const sign = value < 0 ? "-" : "";
  const eok = Math.floor(Math.abs(value) / 10000);
  const rest = Math.abs(value) % 10000;
  if (eok && rest) return `${sign}${GROUPED.format(eok)}억 ${GROUPED.format(rest)}만원`;
  if (eok) return `${sign}${GROUPED.format(eok)}억원`;
  return `${sign}${GROUPED.format(rest)}만원`;
}

/** "12억 3,000만원" / "8,000만원" / "25억원" → 만원 integer (null when it is not a price). */
export function parseWon(text) {
  const match = /^\s*(-)?(?:([\d,]+)억)?\s*(?:([\d,]+)만)?원?\s*$/.exec(String(text));
  if (!match || (match[2] === undefined && match[3] === undefined)) return null;
  const number = (s) => (s ? Number(s.replaceAll(",", "")) : 0);
  const value = number(match[2]) * 10000 + number(match[3]);
  return match[1] ? -value : value;
}

/** A short axis label: 123000 → "12.3억", 8000 → "8,000만". */
export function shortWon(manwon) {
  if (Math.abs(manwon) >= 10000) {
    return `${(manwon / 10000).toFixed(manwon % 10000 === 0 ? 0 : 1)}억`;
  }
  return `${GROUPED.format(Math.round(manwon))}만`;
}

export function area(m2) {
  if (m2 === null || m2 === undefined) return "-";
  const value = Number(m2);
  return `${value.toFixed(1)}㎡ (${(value / PYEONG_M2).toFixed(1)}평)`;
}

export function floor(value) {
  return value === null || value === undefined ? "-" : `${value}층`;
}

/** The price cell of a trade or rent row. */
export function rowPrice(row) {
  if (row.price_manwon !== undefined && row.price_manwon !== null) return won(row.price_manwon);
  if (row.deposit_manwon === undefined || row.deposit_manwon === null) return "-";
  const kind = row.rent_type ? `${row.rent_type} ` : "";
  const deposit = `${kind}${won(row.deposit_manwon)}`;
  return row.monthly_rent_manwon ? `${deposit} / 월 ${won(row.monthly_rent_manwon)}` : deposit;
}

/** "방금", "5분 전", "3시간 전", else a date. */
export function relativeTime(iso) {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return "";
  const seconds = (Date.now() - then.getTime()) / 1000;
  if (seconds < 60) return "방금";
  if (seconds < 3600) return `${Math.floor(seconds / 60)}분 전`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}시간 전`;
  return then.toLocaleDateString("ko-KR", { month: "long", day: "numeric" });
}

export function clockTime(iso) {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return "";
  return then.toLocaleTimeString("ko-KR", { hour: "2-digit", minute: "2-digit" });
}
