import type { AppDeps } from '../deps.js';
import { AppError, notFound } from '../errors.js';
import { findHousehold, membersOf } from '../households/households.repo.js';
import type { TransitionRules } from '../projects/project-rules.js';
import { requireProject, toProjectView } from '../projects/projects.service.js';
import { AmountOutOfRange } from '../shared/money.js';
import { formatShanghai } from '../shared/time.js';
import { type TransitionInput, transitionSubsidy } from './transition-subsidy.js';

/** The subsidy, or a Chinese refusal when the project's rate and the dates give an amount past any real one. */
export function checkedTransitionSubsidy(rules: TransitionRules, input: TransitionInput) {
  try {
    return transitionSubsidy(rules, input);
  } catch (err) {
    if (err instanceof AmountOutOfRange) {
      throw new AppError('CONFLICT', '过渡费金额超出可计算范围，请核对项目的过渡费标准与过渡日期', {
        field: 'transitionRules',
      });
    }
    throw err;
  }
}

/** 过渡费 of one household up to a date (the key handover, or today). */
export async function householdTransitionSubsidy(deps: AppDeps, householdId: string, endDate: string | undefined) {
  const household = await findHousehold(deps.db, householdId);
  if (!household) throw notFound('安置户', 'householdId');
  if (!household.transitionStartDate)
    throw new AppError('CONFLICT', '该户没有登记过渡开始日期，无法计算过渡费', { field: 'transitionStartDate' });
  const end = endDate ?? formatShanghai(deps.clock.now().toISOString()).slice(0, 10);
  if (end < household.transitionStartDate)
    throw new AppError('BAD_REQUEST', '截止日期早于过渡开始日期', { field: 'endDate' });
  const project = toProjectView(await requireProject(deps.db, household.projectId));
  const members = await membersOf(deps.db, [householdId]);
  return checkedTransitionSubsidy(project.transitionRules, {
    startDate: household.transitionStartDate,
    endDate: end,
    persons: members.length,
    demolishedAreaCenti: household.demolishedAreaCenti,
  });
}
