// The locus bench as its own process (dist/bench-locus.js): the rank map and the locus are timed where no full mathjs
// is loaded, as in the CLI and the worker (with the main bench's mathjs baseline in the same heap the timings of
// the small squared slice varied 1.3x to 4.8x). Exit code: the number of cases below target.
import { benchLocus } from './benchLocus';

process.exitCode = benchLocus();
