import type { CompiledModel } from '../model';
import { searchDeficient, type DeficientSet, type SearchOptions } from './search';
import { BudgetExceededError } from '../budget';
import { symbolicCondition, type ConditionOptions, type SymbolicCondition } from './symbolicCondition';

/** The whole answer to "for which W is J of partial rank?" (JSON-ready: the CLI prints it as it is). */
export interface DeficiencyReport {
  /** det J (square), det(J Jᵀ) (q < p) or det(Jᵀ J) (q > p), normalised; null when too large to form. */
  determinant: string | null;
  /** The determinant's factors: J loses rank where one of them is 0. */
  factors: string[];
  /** The sets the numeric search found, largest dimension first. */
  sets: DeficientSet[];
  /** The largest rank of J over the search's starts. */
  genericRank: number;
  /** Why `determinant` is null, when it is. */
  note?: string;
}

/** Options of analyzeDeficiency: the search's and the symbolic condition's. */
export interface DeficiencyOptions extends SearchOptions {
  symbolic?: ConditionOptions;
}

/**
 * The symbolic condition and the global numeric search together. A symbolic part past its deadline leaves
 * `determinant` null with a note (the search alone answers); a search past the deadline throws BudgetExceededError.
 */
export function analyzeDeficiency(model: CompiledModel, options: DeficiencyOptions = {}): DeficiencyReport {
  let condition: SymbolicCondition;
  try {
    condition = symbolicCondition(model, { deadline: options.deadline, ...options.symbolic });
  } catch (e) {
    if (!(e instanceof BudgetExceededError)) throw e;
    condition = { determinant: null, factors: [], note: `${e.message}: rely on the numeric search` };
  }
  const search = searchDeficient(model, options);
  return {
    determinant: condition.determinant,
    factors: condition.factors,
    sets: search.sets,
    genericRank: search.genericRank,
    ...(condition.note ? { note: condition.note } : {}),
  };
}
