import { OpportunityClosed, OpportunityPublished } from '#libs/contracts/careers/events.js';
import { WorkStyle } from '#libs/contracts/careers/work-style.js';
import { InvalidInputError } from '#libs/ddd/errors.js';
import { cleanTerms, Opportunity, type OpportunityTerms } from './opportunity.aggregate.js';

const employer = { id: 'e1', name: '港町水産', regionId: 'kesennuma' };
const terms: OpportunityTerms = {
  title: ' 海外ECのマーケティング ', description: '説明', workStyle: WorkStyle.SIDE_JOB,
  skills: ['マーケティング', 'ＥＣ', 'ec', ' 英語 '], remoteOk: true, onsiteDaysPerMonth: 2, compensation: '  ',
};

describe('Opportunity', () => {
  it('starts as a DRAFT with cleaned terms', () => {
    const o = Opportunity.draft(employer, terms);
    expect(o.status).toBe('DRAFT');
    expect(o.data).toMatchObject({ title: '海外ECのマーケティング', skills: ['マーケティング', 'EC', '英語'], compensation: null });
  });

  it('moves DRAFT -> IN_REVIEW -> DRAFT -> IN_REVIEW -> PUBLISHED -> CLOSED', () => {
    const o = Opportunity.draft(employer, terms);
    o.submitForReview();
    o.returnToDraft();
    o.submitForReview();
    const at = new Date('2025-09-05T10:00:00Z');
    o.publish(at);
    expect(o.data.publishedAt).toEqual(at);
    o.close();
    expect(o.status).toBe('CLOSED');
    const events = o.pullEvents();
    expect(events.map((e) => e.type)).toEqual([
      'careers.opportunity.drafted', 'careers.opportunity.submitted-for-review', 'careers.opportunity.returned-to-draft',
      'careers.opportunity.submitted-for-review', 'careers.opportunity.published', 'careers.opportunity.closed',
    ]);
    const published = events.find(OpportunityPublished.is)!;
    expect(published.payload).toMatchObject({ regionId: 'kesennuma', workStyle: 'SIDE_JOB', status: 'PUBLISHED', publishedAt: at.toISOString() });
    expect(events.find(OpportunityClosed.is)!.payload.closedAt).toEqual(expect.any(String));
  });

  const moves = {
    submitForReview: (o: Opportunity) => o.submitForReview(),
    returnToDraft: (o: Opportunity) => o.returnToDraft(),
    publish: (o: Opportunity) => o.publish(),
    close: (o: Opportunity) => o.close(),
  };
  const allowed: Record<string, string[]> = {
    DRAFT: ['submitForReview'],
    IN_REVIEW: ['returnToDraft', 'publish'],
    PUBLISHED: ['close'],
    CLOSED: [],
  };
  const reach = (status: string): Opportunity => {
    const o = Opportunity.draft(employer, terms);
    if (status === 'DRAFT') return o;
    o.submitForReview();
    if (status === 'IN_REVIEW') return o;
    o.publish();
    if (status === 'PUBLISHED') return o;
    o.close();
    return o;
  };
  for (const [status, ok] of Object.entries(allowed)) {
    for (const [name, move] of Object.entries(moves)) {
      if (ok.includes(name)) continue;
      it(`refuses ${name} from ${status} with CONFLICT INVALID_STATUS_TRANSITION`, () => {
        const o = reach(status);
        expect(() => move(o)).toThrow(expect.objectContaining({ code: 'CONFLICT', reason: 'INVALID_STATUS_TRANSITION' }));
        expect(o.status).toBe(status);
      });
    }
  }

  it('edits only DRAFT and IN_REVIEW', () => {
    const inReview = reach('IN_REVIEW');
    inReview.update({ title: '新しい題名', compensation: null });
    expect(inReview.data.title).toBe('新しい題名');
    for (const status of ['PUBLISHED', 'CLOSED']) {
      expect(() => reach(status).update({ title: 'x' })).toThrow(expect.objectContaining({ reason: 'OPPORTUNITY_NOT_EDITABLE' }));
    }
  });
});

describe('cleanTerms', () => {
  it('names every bad field', () => {
    expect.assertions(1);
    try {
      cleanTerms({ ...terms, title: ' ', description: '', onsiteDaysPerMonth: 32, skills: ['x'.repeat(51)] });
    } catch (error) {
      expect((error as InvalidInputError).fields.map((f) => f.field).sort()).toEqual(['description', 'onsiteDaysPerMonth', 'skills', 'title']);
    }
  });

  it('takes 0 on-site days only for remote work', () => {
    expect(cleanTerms({ ...terms, remoteOk: true, onsiteDaysPerMonth: 0 }).onsiteDaysPerMonth).toBe(0);
    expect(() => cleanTerms({ ...terms, remoteOk: false, onsiteDaysPerMonth: 0 })).toThrow(InvalidInputError);
  });
});
