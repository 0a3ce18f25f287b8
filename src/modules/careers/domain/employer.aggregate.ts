import { AggregateRoot } from '#libs/ddd/aggregate-root.js';
import { InvalidInputError, type FieldProblem } from '#libs/ddd/errors.js';
import { newId } from '#libs/ddd/ids.js';
import { EmployerRegistered } from '#libs/contracts/careers/events.js';

export interface EmployerState {
  id: string;
  organizationId: string;
  regionId: string;
  name: string;
  industry: string;
  description: string;
  createdAt: Date;
  version: number;
}

const text = (value: string) => value.normalize('NFKC').trim();

/** A local company (or programme) offering second-career opportunities, managed by a partner organization. */
export class Employer extends AggregateRoot {
  private constructor(readonly state: EmployerState) {
    super(state.id, state.version);
  }

  static restore(state: EmployerState): Employer {
    return new Employer(state);
  }

  static register(input: { organizationId: string; regionId: string; name: string; industry: string; description: string }): Employer {
    const name = text(input.name);
    const industry = text(input.industry);
    const description = input.description.trim();
    const problems: FieldProblem[] = [];
    if (name.length === 0 || name.length > 200) problems.push({ field: 'name', message: 'must have 1 to 200 characters' });
    if (industry.length === 0 || industry.length > 100) problems.push({ field: 'industry', message: 'must have 1 to 100 characters' });
    if (description.length === 0 || description.length > 5000) problems.push({ field: 'description', message: 'must have 1 to 5000 characters' });
    if (problems.length > 0) throw new InvalidInputError(problems);
    const employer = new Employer({
      id: newId(),
      organizationId: input.organizationId,
      regionId: input.regionId,
      name,
      industry,
      description,
      createdAt: new Date(),
      version: 0,
    });
    employer.record(
      EmployerRegistered.create(employer.id, { employerId: employer.id, organizationId: input.organizationId, regionId: input.regionId, name, industry }),
    );
    return employer;
  }
}
