import { ratio, suppress } from './suppression.js';

/** What the KPI report is computed from: raw counts of one region and fiscal year. */
export interface KpiFacts {
  relatedPeople: number;
  briefingParticipants: number;
  tourParticipants: number;
  /**
   * Events of the year whose attendance (1 or 2) event insights hide: a yearly sum shown
   * beside the events' own figures would give it away by subtraction.
   */
  briefingEventsWithFewAttendees: number;
  tourEventsWithFewAttendees: number;
  /** Everyone who registered or applied for the year's events, and their seats. */
  eventDemand: number;
  eventCapacity: number;
  consultations: number;
  matchesByWorkStyle: Record<'PRO_BONO' | 'SIDE_JOB' | 'JOB_CHANGE' | 'STARTUP', number>;
  engagements: number;
  /** Stays at trial-stay houses (お試し住宅; not shared houses) checked in, and their nights. */
  trialStays: number;
  trialStayNights: number;
  dualRegionPeople: number;
  relocatedPeople: number;
}

export interface KpiRow {
  key: string;
  label: string;
  value: number | null;
  unit: string;
}

/** The report's rows, in the contract's order, each suppressed as the contract says. */
export function kpiRows(f: KpiFacts): KpiRow[] {
  const row = (key: string, label: string, value: number | null, unit: string): KpiRow => ({ key, label, value, unit });
  return [
    row('related_people', '関係人口', suppress(f.relatedPeople), '人'),
    row('briefing_participants', '説明会参加者数', f.briefingEventsWithFewAttendees > 0 ? null : suppress(f.briefingParticipants), '人'),
    row('tour_participants', 'ツアー参加者数', f.tourEventsWithFewAttendees > 0 ? null : suppress(f.tourParticipants), '人'),
    row('event_oversubscription', 'イベント応募倍率', ratio(f.eventDemand, f.eventCapacity, 2), '倍'),
    row('consultations', '相談件数', suppress(f.consultations), '件'),
    row('matches_pro_bono', 'マッチング件数(プロボノ)', suppress(f.matchesByWorkStyle.PRO_BONO), '件'),
    row('matches_side_job', 'マッチング件数(副業)', suppress(f.matchesByWorkStyle.SIDE_JOB), '件'),
    row('matches_job_change', 'マッチング件数(転職)', suppress(f.matchesByWorkStyle.JOB_CHANGE), '件'),
    row('matches_startup', 'マッチング件数(起業)', suppress(f.matchesByWorkStyle.STARTUP), '件'),
    row('engagements', '就業・参画に至った件数', suppress(f.engagements), '件'),
    // Nights of one or two stays would single their guests out.
    row('trial_stay_nights', 'お試し滞在泊数', suppress(f.trialStays) === null ? null : f.trialStayNights, '泊'),
    row('dual_region_people', '二地域居住に進んだ人数', suppress(f.dualRegionPeople), '人'),
    row('relocated_people', '移住した人数', suppress(f.relocatedPeople), '人'),
  ];
}

const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * The rows as CSV that opens in Excel as it is: UTF-8 with a byte-order mark, CRLF line
 * ends, header 項目,値,単位; a suppressed value is an empty cell.
 */
export function kpiCsv(rows: readonly KpiRow[]): string {
  const lines = ['項目,値,単位', ...rows.map((r) => [cell(r.label), r.value === null ? '' : String(r.value), cell(r.unit)].join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
