import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];
let hooked = false;

/** A fresh folder under the system temp folder, removed when the test process exits. */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const d of made) {
        try {
          fs.rmSync(d, { recursive: true, force: true });
        } catch {
          // A folder the test made unreadable on purpose may resist; it is in the temp folder anyway.
        }
      }
    });
  }
  return dir;
}

/** A temporary folder holding these files (relative path → content), removed at exit. */
export function makeTempWorkspace(prefix: string, files: Record<string, string | Buffer>): string {
  const root = makeTempDir(prefix);
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return root;
}
