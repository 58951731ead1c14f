// CPU time used by processes (Linux /proc), to say where a frame's time goes: the browser's processes, this node
// process (the test driver, standing in for the extension host) and its worker threads.
import * as fs from 'fs';
import * as os from 'os';

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

/** user + system ms of process `pid` (all its threads), or 0 when it is gone. */
function processMs(pid: string): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** CPU ms so far of the Chromium processes and of this process; zeros off Linux. */
export function cpuSnapshot(): { chromiumMs: number; selfMs: number } {
  if (os.platform() !== 'linux') return { chromiumMs: 0, selfMs: 0 };
  let chromiumMs = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('chromium')) chromiumMs += processMs(pid);
    } catch {
      // gone
    }
  }
  return { chromiumMs, selfMs: processMs(String(process.pid)) };
}
