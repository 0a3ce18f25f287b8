import argon2 from 'argon2';
import { jest } from '@jest/globals';
import { PasswordHasher } from './password-hasher.js';

const cheap = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

describe('PasswordHasher', () => {
  afterEach(() => jest.restoreAllMocks());

  it('hashes with argon2id and checks the right password only', async () => {
    const hasher = new PasswordHasher(cheap);
    const hash = await hasher.hash('correct-horse-battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    expect(await hasher.verify(hash, 'correct-horse-battery')).toBe(true);
    expect(await hasher.verify(hash, 'wrong-horse-battery')).toBe(false);
  });

  it('checks a real hash of the same cost when there is no account, so an unknown email takes as long', async () => {
    const hasher = new PasswordHasher(cheap);
    await hasher.onModuleInit();
    const verify = jest.spyOn(argon2, 'verify');
    expect(await hasher.verify(undefined, 'correct-horse-battery')).toBe(false);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0][0]).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    // And no hash is computed then: the dummy was made at start.
    const hash = jest.spyOn(argon2, 'hash');
    await hasher.verify(undefined, 'another');
    expect(hash).not.toHaveBeenCalled();
  });
});
