import { InvalidInputError } from '#libs/ddd/errors.js';
import { WorkStyle } from '#libs/contracts/careers/work-style.js';
import { canMove, Match, PIPELINE, type MatchStage } from './match.aggregate.js';
import { Interest } from './interest.aggregate.js';
import { Scout } from './scout.aggregate.js';
import { CandidateProfile } from './candidate-profile.aggregate.js';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import { grantsMatching, MATCH_PROVISION_PURPOSE, matchRecipients, NO_ANSWER } from './matching-consent.js';

const pair = { candidateId: 'c', accountId: 'a', opportunityId: 'o', regionId: 'r', workStyle: WorkStyle.SIDE_JOB };
const STAGES: MatchStage[] = [...PIPELINE, 'WITHDRAWN'];

describe('the match pipeline', () => {
  it('moves forward only, may skip, may withdraw before COMPLETED, and stops at COMPLETED or WITHDRAWN', () => {
    for (const from of STAGES) {
      for (const to of STAGES) {
        const expected =
          from !== 'COMPLETED' && from !== 'WITHDRAWN' &&
          (to === 'WITHDRAWN' || PIPELINE.indexOf(to as never) > PIPELINE.indexOf(from as never));
        expect({ from, to, allowed: canMove(from, to) }).toEqual({ from, to, allowed: expected });
      }
    }
  });

  it('records each step with its note, and refuses a step back', () => {
    const match = Match.establish(pair, 'INTEREST', 'i1', { recipients: [], fields: [] });
    match.advance('TRIAL', ' お試し勤務 ', 'staff');
    expect(match.pullNewChanges().map((c) => [c.stage, c.note])).toEqual([['MATCHED', null], ['TRIAL', 'お試し勤務']]);
    expect(() => match.advance('MEETING', null, 'staff')).toThrow(expect.objectContaining({ reason: 'INVALID_STATUS_TRANSITION' }));
    expect(match.pullEvents().map((e) => e.type)).toEqual(['matching.match.established', 'matching.match.stage-changed']);
  });
});

describe('interest and scout', () => {
  it('accept, decline and withdraw only an OPEN interest', () => {
    const interest = Interest.express(pair);
    interest.accept('staff');
    for (const act of [() => interest.accept('x'), () => interest.decline('STAFF'), () => interest.withdraw()]) {
      expect(act).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    }
  });

  it('answers a scout once', () => {
    const scout = Scout.send({ ...pair, sentByOrganizationId: 'org', sentByAccountId: 'staff', message: 'いかがですか' });
    scout.respond(false);
    expect(() => scout.respond(true)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => Scout.send({ ...pair, sentByOrganizationId: 'org', sentByAccountId: 'staff', message: ' ' })).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
  });
});

describe('CandidateProfile', () => {
  const input = {
    fullName: '佐藤', ageBand: 'FIFTIES' as const, headline: 'h', careerSummary: 's', skills: ['ＥＣ', 'ec', 'マーケティング'],
    desiredWorkStyles: [WorkStyle.SIDE_JOB], remoteHoursPerWeek: 5, onsiteDaysPerMonth: 2, desiredRegionIds: ['r'],
    dualRegionStage: 'EXPLORING' as const, phone: null,
  };
  it('keeps a skill once however it is written, and records a stage change only when the stage changes', () => {
    const profile = CandidateProfile.create({ accountId: 'a', displayName: '佐藤', email: 's@x.jp' }, input);
    expect(profile.data.skills).toEqual(['EC', 'マーケティング']);
    profile.pullEvents();
    profile.replace({ displayName: '佐藤', email: 's@x.jp' }, input);
    expect(profile.pullEvents().map((e) => e.type)).toEqual(['matching.profile.saved']);
    profile.replace({ displayName: '佐藤', email: 's@x.jp' }, { ...input, dualRegionStage: 'DUAL_REGION' });
    expect(profile.pullEvents().map((e) => e.type)).toEqual(['matching.profile.saved', 'matching.profile.dual-region-stage-changed']);
  });

  it('takes a home prefecture only as one of the 47, width-insensitive; omitted keeps it, null clears it', () => {
    const account = { accountId: 'a', displayName: '佐藤', email: 's@x.jp' };
    expect(CandidateProfile.create(account, input).data.homePrefecture).toBeNull();
    const profile = CandidateProfile.create(account, { ...input, homePrefecture: ' 宮城県 ' });
    expect(profile.data.homePrefecture).toBe('宮城県');
    profile.replace(account, input);
    expect(profile.data.homePrefecture).toBe('宮城県');
    for (const wrong of ['宮城', 'Miyagi', '東京府']) {
      expect(() => profile.replace(account, { ...input, homePrefecture: wrong })).toThrow(InvalidInputError);
    }
    profile.replace(account, { ...input, homePrefecture: null });
    expect(profile.data.homePrefecture).toBeNull();
  });
});

describe('personal data (contract 90-privacy)', () => {
  const input = {
    fullName: '佐藤 真理子', ageBand: 'FIFTIES' as const, headline: 'h', careerSummary: 's', skills: ['EC'],
    desiredWorkStyles: [WorkStyle.SIDE_JOB], remoteHoursPerWeek: 5, onsiteDaysPerMonth: 2, desiredRegionIds: ['r'],
    dualRegionStage: 'EXPLORING' as const, phone: '090-1234-5678', homePrefecture: '東京都',
  };

  it('gives a match\'s contact details to the employer\'s organization (REQUEST) and to those MATCHING covers (CONSENT)', () => {
    const audience = { requestedOrganizationId: 'employer', regionOrganizationIds: ['city', 'employer', 'centre', 'city'] };
    expect(matchRecipients(audience, NO_ANSWER)).toEqual([
      { organizationId: 'employer', basis: 'REQUEST' }, { organizationId: 'city', basis: 'CONSENT' }, { organizationId: 'centre', basis: 'CONSENT' },
    ]);
    // Withdrawn for everyone but the centre: the person's own act still reaches the employer.
    const consent = { general: false, organizations: new Map([['centre', true], ['employer', false]]) };
    expect(matchRecipients(audience, consent)).toEqual([{ organizationId: 'employer', basis: 'REQUEST' }, { organizationId: 'centre', basis: 'CONSENT' }]);
    expect(grantsMatching(consent, 'city')).toBe(false);
    expect(matchRecipients({ requestedOrganizationId: null, regionOrganizationIds: ['city'] }, NO_ANSWER)).toEqual([{ organizationId: 'city', basis: 'CONSENT' }]);

    const match = Match.establish(pair, 'SCOUT', 's1', { recipients: matchRecipients(audience, consent), fields: ['fullName', 'email'] });
    expect(match.data.providedOrganizationIds).toEqual(['employer', 'centre']);
    const [established] = match.pullEvents();
    expect(established.payload).toMatchObject({
      matchId: match.id,
      provided: [
        { subjectAccountId: 'a', recipientOrganizationId: 'employer', recipientAccountId: null, purpose: MATCH_PROVISION_PURPOSE,
          fields: ['fullName', 'email'], basis: 'REQUEST', occasion: 'match', occasionId: match.id },
        { recipientOrganizationId: 'centre', basis: 'CONSENT', occasion: 'match', occasionId: match.id },
      ],
    });
  });

  it('erases a profile once: no name, contact details or free text, and a release asked for each thing held', () => {
    const profile = CandidateProfile.create({ accountId: 'a', displayName: 'まりこ', email: 'm@x.jp' }, input);
    expect(profile.contactFields).toEqual(['fullName', 'email', 'phone']);
    profile.pullEvents();
    expect(profile.erase([{ kind: 'MATCH', id: 'm1' }, { kind: 'SCOUT', id: 's1' }])).toBe(true);
    expect(profile.data).toMatchObject({
      displayName: ERASED_DISPLAY_NAME, fullName: '', email: '', phone: null, headline: '', careerSummary: '', skills: [], homePrefecture: null,
    });
    expect(profile.erased).toBe(true);
    expect(profile.contactFields).toEqual([]);
    expect(profile.pullEvents().map((e) => [e.type, e.payload])).toEqual([
      ['matching.internal.erasure-release-requested', { kind: 'MATCH', id: 'm1', accountId: 'a' }],
      ['matching.internal.erasure-release-requested', { kind: 'SCOUT', id: 's1', accountId: 'a' }],
    ]);
    expect(profile.erase([{ kind: 'MATCH', id: 'm1' }])).toBe(false);
    expect(profile.pullEvents()).toEqual([]);
  });
});
