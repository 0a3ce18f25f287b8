/** How a person works with a regional employer. Shared: events' feedback and matching use it too. */
export enum WorkStyle {
  /** プロボノ: skilled volunteering */
  PRO_BONO = 'PRO_BONO',
  /** 副業・兼業: side job alongside a main job */
  SIDE_JOB = 'SIDE_JOB',
  /** 転職: a change of employer */
  JOB_CHANGE = 'JOB_CHANGE',
  /** 起業・事業承継: starting or taking over a business */
  STARTUP = 'STARTUP',
}
