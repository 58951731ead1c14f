// Compiled models kept between `point` requests, one per document key and text: a model never serves another
// document, and an edit (new text) or new options compile afresh. Bounded, least recently used out first.
import { analyzeWithModel, compileDocument, type AnalysisReport } from '../core';
import type { AnalysisOptions } from '../protocol/worker';

/** What compileDocument returns. */
type Compiled = ReturnType<typeof compileDocument>;

/** A small LRU of compiled documents keyed by document. */
export class ModelCache {
  private readonly entries = new Map<string, { text: string; options: string; compiled: Compiled }>();

  constructor(private readonly capacity: number) {}

  /** The full analysis of `text`; its compiled model is kept for the document's later point and panel requests. */
  analyze(key: string, text: string, options: AnalysisOptions, deadline: number): AnalysisReport {
    const { report, compiled } = analyzeWithModel(text, { ...options, deadline });
    this.entries.delete(key);
    this.entries.set(key, { text, options: JSON.stringify(options), compiled });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return report;
  }

  /** The compiled model of `text` for document `key`, compiling it when the cached one is for other text. */
  get(key: string, text: string, options: AnalysisOptions, deadline: number): Compiled {
    const opts = JSON.stringify(options);
    const hit = this.entries.get(key);
    this.entries.delete(key);
    const compiled =
      hit && hit.text === text && hit.options === opts ? hit.compiled : compileDocument(text, { ...options, deadline });
    this.entries.set(key, { text, options: opts, compiled });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return compiled;
  }
}
