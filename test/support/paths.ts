// Where the repository and its examples are, found from this file's location in out/ or test/ (no core import).
import * as fs from 'fs';
import * as path from 'path';

/** The repository root (the folder holding package.json). */
export const repoRoot: string = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
})();

/** Text of examples/NAME.overparam. */
export function readExample(name: string): string {
  return fs.readFileSync(path.join(repoRoot, 'examples', `${name}.overparam`), 'utf8');
}

/** Names of every example (without extension), sorted. */
export function exampleNames(): string[] {
  return fs
    .readdirSync(path.join(repoRoot, 'examples'))
    .filter((f) => f.endsWith('.overparam'))
    .map((f) => f.slice(0, -'.overparam'.length))
    .sort();
}
