import { firstBlockedFolder, foldersTo, permits, relocatedClusterName, type FileMode, type Identity } from './embedded-postgres.js';

const postgres: Identity = { uid: 101, gid: 104 };
const root = (mode: number): FileMode => ({ uid: 0, gid: 0, mode: 0o040000 | mode });

/** A file system of folders and their modes; anything else does not exist yet. */
const disk = (folders: Record<string, FileMode>) => (folder: string) => folders[folder];

describe('what the postgres user can reach', () => {
  it('lists the folders from the root down', () => {
    expect(foldersTo('/')).toEqual(['/']);
    expect(foldersTo('/root/minato/data')).toEqual(['/', '/root', '/root/minato', '/root/minato/data']);
  });

  it('uses the owner class alone for the owner, the group class for the group, else the others', () => {
    expect(permits({ uid: 101, gid: 0, mode: 0o700 }, postgres, 1)).toBe(true);
    expect(permits({ uid: 101, gid: 104, mode: 0o070 }, postgres, 1)).toBe(false); // owner bits rule
    expect(permits({ uid: 0, gid: 104, mode: 0o750 }, postgres, 1)).toBe(true);
    expect(permits({ uid: 0, gid: 104, mode: 0o705 }, postgres, 1)).toBe(false); // group bits rule
    expect(permits(root(0o755), postgres, 1)).toBe(true);
    expect(permits(root(0o755), postgres, 2)).toBe(false);
    expect(permits(root(0o700), postgres, 4)).toBe(false);
    expect(permits(root(0o700), { uid: 0, gid: 0 }, 1)).toBe(true);
  });

  it('is stopped by a private folder on the way: a clone in /root, a mktemp -d folder', () => {
    const modes = disk({ '/': root(0o755), '/root': root(0o700), '/root/minato': root(0o755), '/tmp': root(0o1777), '/tmp/tmp.x': root(0o700) });
    expect(firstBlockedFolder('/root/minato/data', postgres, modes)).toBe('/root');
    expect(firstBlockedFolder('/tmp/tmp.x/minato/data', postgres, modes)).toBe('/tmp/tmp.x');
  });

  it('passes open folders, and stops where a folder does not exist yet', () => {
    const modes = disk({ '/': root(0o755), '/srv': root(0o755), '/srv/minato': { uid: 1000, gid: 1000, mode: 0o040711 } });
    expect(firstBlockedFolder('/srv/minato/data/pg', postgres, modes)).toBeUndefined();
    expect(firstBlockedFolder('/srv/minato', postgres, modes)).toBeUndefined();
  });

  it('passes a folder shared with its group, and a folder of its own', () => {
    const modes = disk({
      '/': root(0o755),
      '/home': root(0o755),
      '/home/dev': { uid: 1000, gid: 104, mode: 0o040750 },
      '/home/dev/pg': { uid: 101, gid: 104, mode: 0o040700 },
    });
    expect(firstBlockedFolder('/home/dev/pg', postgres, modes)).toBeUndefined();
    expect(firstBlockedFolder('/home/dev/pg', { uid: 102, gid: 105 }, modes)).toBe('/home/dev');
  });

  it('names a relocated cluster after the real path of its folder', () => {
    const name = relocatedClusterName('/root/minato/data/pg');
    expect(name).toMatch(/^[0-9a-f]{32}$/);
    expect(relocatedClusterName('/root/minato/data/pg')).toBe(name);
    expect(relocatedClusterName('/root/other/data/pg')).not.toBe(name);
  });
});
