import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { InvalidInputError, type FieldProblem } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import { RegionCreated } from '#libs/contracts/identity/events.js';

export interface RegionState {
  id: string;
  code: string;
  name: string;
  prefecture: string;
  createdAt: Date;
  version: number;
}

const CODE = /^[a-z][a-z0-9-]{1,39}$/;

/** A region: one town running the programme, a tenant of the national model. */
export class Region extends AggregateRoot {
  private constructor(readonly state: RegionState) {
    super(state.id, state.version);
  }

  static restore(state: RegionState): Region {
    return new Region(state);
  }

  static create(input: { code: string; name: string; prefecture: string }): Region {
    const problems: FieldProblem[] = [];
    const code = input.code.trim();
    const name = input.name.normalize('NFKC').trim();
    const prefecture = input.prefecture.normalize('NFKC').trim();
    if (!CODE.test(code)) problems.push({ field: 'code', message: 'must be a slug: 2 to 40 of a-z, 0-9 and -, starting with a letter' });
    if (name.length === 0 || name.length > 100) problems.push({ field: 'name', message: 'must have 1 to 100 characters' });
    if (prefecture.length === 0 || prefecture.length > 20) problems.push({ field: 'prefecture', message: 'must have 1 to 20 characters' });
    if (problems.length > 0) throw new InvalidInputError(problems);
    const region = new Region({ id: newId(), code, name, prefecture, createdAt: new Date(), version: 0 });
    region.record(RegionCreated.create(region.id, { regionId: region.id, code, name, prefecture }));
    return region;
  }
}
