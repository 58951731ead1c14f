// Writes the analysis of a document to the output channel as text.
import type { Ctx } from '../ctx';
import { textReport } from '../report/textReport';
import { documentArg } from './documentArg';

/** `overparam.analyzeFile [uri]`; resolves to the text written. */
export function analyzeFileCommand(ctx: Ctx) {
  return async (uriArg?: unknown): Promise<string | undefined> => {
    const doc = await documentArg(uriArg);
    if (!doc) return undefined;
    const state = await ctx.analyses.current(doc);
    const name = doc.uri.path.split('/').pop() ?? doc.uri.toString();
    const text = textReport(name, state?.report, state?.diagnostics ?? []);
    ctx.log.info(text);
    ctx.log.show(true);
    return text;
  };
}
