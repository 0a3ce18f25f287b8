import { registerEnumType } from '@nestjs/graphql';
import { WorkStyle } from './work-style.js';

export { WorkStyle };

// Registered once here; GraphQL types that use WorkStyle import it from this file.
registerEnumType(WorkStyle, {
  name: 'WorkStyle',
  valuesMap: {
    PRO_BONO: { description: 'プロボノ: skilled volunteering' },
    SIDE_JOB: { description: '副業・兼業: side job alongside a main job' },
    JOB_CHANGE: { description: '転職: a change of employer' },
    STARTUP: { description: '起業・事業承継: starting or taking over a business' },
  },
});
