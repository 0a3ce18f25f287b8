import { Injectable } from '@nestjs/common';
import { AccountKind, Capability, MembershipRole, type CallerMembership } from '#libs/auth/caller.js';
import { UnauthenticatedError } from '#libs/ddd/errors.js';
import { isId } from '#libs/ddd/ids.js';
import { AggregateStore } from '#libs/messaging/aggregate-store.js';
import { UnitOfWork, pgErrorCode } from '#libs/messaging/unit-of-work.js';
import { ERASED_DISPLAY_NAME } from '#libs/contracts/privacy/enums.js';
import { Account, type Membership } from '../domain/account.aggregate.js';
import { EmailTaken, OrganizationNameTaken, RegionCodeTaken } from '../domain/identity.errors.js';
import { Organization } from '../domain/organization.aggregate.js';
import { Region } from '../domain/region.aggregate.js';

const SOURCE = 'identity';

interface AccountRow {
  id: string;
  email: string;
  display_name: string;
  kind: AccountKind;
  password_hash: string;
  token_generation: number;
  created_at: Date;
  erased_at: Date | null;
  version: number;
}

/** What one signed-in request needs to know about its caller (CallerDirectory). */
export interface CallerRow {
  id: string;
  kind: AccountKind;
  display_name: string;
  email: string;
  created_at: Date;
  token_generation: number;
  /** Whether the presented token's id is in identity.revoked_token. */
  revoked: boolean;
  memberships: CallerMembership[];
}

/** What a password check needs: never more of the account than this. */
export interface AccountCredentials {
  id: string;
  passwordHash: string;
  tokenGeneration: number;
}

interface RegionRow {
  id: string;
  code: string;
  name: string;
  prefecture: string;
  created_at: Date;
  version: number;
}

interface OrganizationRow {
  id: string;
  region_id: string;
  name: string;
  capabilities: Capability[];
  created_at: Date;
  version: number;
}

const toRegion = (r: RegionRow) =>
  Region.restore({ id: r.id, code: r.code, name: r.name, prefecture: r.prefecture, createdAt: r.created_at, version: r.version });

const toOrganization = (r: OrganizationRow) =>
  Organization.restore({
    id: r.id,
    regionId: r.region_id,
    name: r.name,
    capabilities: r.capabilities,
    createdAt: r.created_at,
    version: r.version,
  });

/** Identity's tables (schema `identity`); saving an aggregate also writes its events to the outbox. */
@Injectable()
export class IdentityRepository {
  private readonly store: AggregateStore;

  constructor(private readonly uow: UnitOfWork) {
    this.store = new AggregateStore(uow, SOURCE);
  }

  private get db() {
    return this.uow.manager;
  }

  // ---- accounts

  async findAccountById(id: string): Promise<Account | null> {
    if (!isId(id)) return null;
    const rows: AccountRow[] = await this.db.query('SELECT * FROM identity.account WHERE id = $1', [id]);
    return rows.length === 0 ? null : this.toAccount(rows[0]);
  }

  async findAccountByEmail(email: string): Promise<Account | null> {
    const rows: AccountRow[] = await this.db.query('SELECT * FROM identity.account WHERE email = $1', [email]);
    return rows.length === 0 ? null : this.toAccount(rows[0]);
  }

  async findAccountsByIds(ids: readonly string[]): Promise<Account[]> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return [];
    const rows: AccountRow[] = await this.db.query('SELECT * FROM identity.account WHERE id = ANY($1::uuid[])', [valid]);
    const memberships = await this.membershipsOf(rows.map((r) => r.id));
    return rows.map((r) => this.restoreAccount(r, memberships.get(r.id) ?? []));
  }

  private async toAccount(row: AccountRow): Promise<Account> {
    const memberships = await this.membershipsOf([row.id]);
    return this.restoreAccount(row, memberships.get(row.id) ?? []);
  }

  private restoreAccount(r: AccountRow, memberships: Membership[]): Account {
    return Account.restore({
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      kind: r.kind,
      passwordHash: r.password_hash,
      tokenGeneration: r.token_generation,
      memberships,
      createdAt: r.created_at,
      erasedAt: r.erased_at,
      version: r.version,
    });
  }

  private async membershipsOf(accountIds: string[]): Promise<Map<string, Membership[]>> {
    const byAccount = new Map<string, Membership[]>();
    if (accountIds.length === 0) return byAccount;
    const rows: Array<{ account_id: string; organization_id: string; region_id: string; role: MembershipRole }> =
      await this.db.query(
        `SELECT m.account_id, m.organization_id, o.region_id, m.role
           FROM identity.membership m JOIN identity.organization o ON o.id = m.organization_id
          WHERE m.account_id = ANY($1::uuid[]) ORDER BY m.created_at, o.name`,
        [accountIds],
      );
    for (const r of rows) {
      const list = byAccount.get(r.account_id) ?? [];
      list.push({ organizationId: r.organization_id, regionId: r.region_id, role: r.role });
      byAccount.set(r.account_id, list);
    }
    return byAccount;
  }

  /**
   * The caller of one signed-in request, in one round trip: the account row, whether the
   * presented token was revoked (a primary-key probe) and the memberships with their
   * organizations' capabilities. Null when there is no such account.
   */
  async callerRow(accountId: string, tokenId: string): Promise<CallerRow | null> {
    if (!isId(accountId)) return null;
    const rows: CallerRow[] = await this.db.query(
      `SELECT a.id, a.kind, a.display_name, a.email, a.created_at, a.token_generation,
              EXISTS (SELECT 1 FROM identity.revoked_token r WHERE r.jti = $2::uuid) AS revoked,
              COALESCE((
                SELECT json_agg(json_build_object(
                         'organizationId', m.organization_id, 'regionId', o.region_id,
                         'role', m.role, 'capabilities', o.capabilities))
                  FROM identity.membership m JOIN identity.organization o ON o.id = m.organization_id
                 WHERE m.account_id = a.id), '[]'::json) AS memberships
         FROM identity.account a WHERE a.id = $1`,
      [accountId, tokenId],
    );
    return rows[0] ?? null;
  }

  /** The credentials of the account with this (canonical) email: one query, whether or not it exists. */
  async credentialsByEmail(email: string): Promise<AccountCredentials | null> {
    const rows: Array<{ id: string; password_hash: string; token_generation: number }> = await this.db.query(
      'SELECT id, password_hash, token_generation FROM identity.account WHERE email = $1',
      [email],
    );
    return rows.length === 0 ? null : { id: rows[0].id, passwordHash: rows[0].password_hash, tokenGeneration: rows[0].token_generation };
  }

  /**
   * Revokes one token until it expires (signOut). Revoking it again changes nothing; an
   * account deleted meanwhile has no tokens left to revoke.
   */
  async revokeToken(accountId: string, tokenId: string, expiresAt: Date): Promise<void> {
    try {
      await this.db.query(
        `INSERT INTO identity.revoked_token (jti, account_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (jti) DO NOTHING`,
        [tokenId, accountId, expiresAt],
      );
    } catch (error) {
      if (pgErrorCode(error) === '23503') throw new UnauthenticatedError('The token names no account; sign in again');
      throw error;
    }
  }

  async saveAccount(account: Account): Promise<void> {
    await this.store.save(account, {
      table: 'identity.account',
      what: 'The account',
      columns: {
        email: account.email, display_name: account.displayName, password_hash: account.passwordHash,
        token_generation: account.tokenGeneration, erased_at: account.erasedAt,
      },
      insertOnly: { kind: account.kind, created_at: account.createdAt },
      onDuplicate: () => new EmailTaken(),
      alsoWrite: () =>
        this.db.query(
          `INSERT INTO identity.membership (account_id, organization_id, role)
           SELECT $1, unnest($2::uuid[]), unnest($3::text[]) ON CONFLICT DO NOTHING`,
          [account.id, account.memberships.map((m) => m.organizationId), account.memberships.map((m) => m.role)],
        ),
    });
  }

  /**
   * What erasure removes beside the account row: the email and name in the payloads of the
   * account's events. (Failed-attempt counters hold only a SHA-256 of the email, and expire.)
   */
  async eraseTraces(accountId: string): Promise<void> {
    await this.uow.scrubPayloads('Account', accountId, { email: null, displayName: ERASED_DISPLAY_NAME });
  }

  // ---- regions

  async findRegionById(id: string): Promise<Region | null> {
    if (!isId(id)) return null;
    const rows: RegionRow[] = await this.db.query('SELECT * FROM identity.region WHERE id = $1', [id]);
    return rows.length === 0 ? null : toRegion(rows[0]);
  }

  async findRegionByCode(code: string): Promise<Region | null> {
    const rows: RegionRow[] = await this.db.query('SELECT * FROM identity.region WHERE code = $1', [code]);
    return rows.length === 0 ? null : toRegion(rows[0]);
  }

  async findRegionsByIds(ids: readonly string[]): Promise<Region[]> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return [];
    const rows: RegionRow[] = await this.db.query('SELECT * FROM identity.region WHERE id = ANY($1::uuid[])', [valid]);
    return rows.map(toRegion);
  }

  async listRegions(): Promise<Region[]> {
    const rows: RegionRow[] = await this.db.query('SELECT * FROM identity.region ORDER BY created_at, code');
    return rows.map(toRegion);
  }

  async saveRegion(region: Region): Promise<void> {
    const s = region.state;
    await this.store.save(region, {
      table: 'identity.region',
      what: 'The region',
      columns: { name: s.name, prefecture: s.prefecture },
      insertOnly: { code: s.code, created_at: s.createdAt },
      onDuplicate: () => new RegionCodeTaken(s.code),
    });
  }

  // ---- organizations

  async findOrganizationById(id: string): Promise<Organization | null> {
    if (!isId(id)) return null;
    const rows: OrganizationRow[] = await this.db.query('SELECT * FROM identity.organization WHERE id = $1', [id]);
    return rows.length === 0 ? null : toOrganization(rows[0]);
  }

  async findOrganizationsByIds(ids: readonly string[]): Promise<Organization[]> {
    const valid = ids.filter(isId);
    if (valid.length === 0) return [];
    const rows: OrganizationRow[] = await this.db.query(
      'SELECT * FROM identity.organization WHERE id = ANY($1::uuid[])',
      [valid],
    );
    return rows.map(toOrganization);
  }

  async listOrganizations(regionId?: string): Promise<Organization[]> {
    if (regionId !== undefined && !isId(regionId)) return [];
    const rows: OrganizationRow[] = regionId
      ? await this.db.query('SELECT * FROM identity.organization WHERE region_id = $1 ORDER BY created_at, name', [regionId])
      : await this.db.query('SELECT * FROM identity.organization ORDER BY created_at, name');
    return rows.map(toOrganization);
  }

  async saveOrganization(org: Organization): Promise<void> {
    const s = org.state;
    await this.store.save(org, {
      table: 'identity.organization',
      what: 'The organization',
      columns: { name: s.name, capabilities: s.capabilities },
      insertOnly: { region_id: s.regionId, created_at: s.createdAt },
      onDuplicate: () => new OrganizationNameTaken(s.name),
    });
  }
}
