import type { CaseIntake } from '../src/domain/caseIntake';
import type { ResolvedIntakeSettings } from './intakeSettings';
import type { TurnReader } from './turnReader';

/** What every intake dialog is built with: injected, so tests swap the recognizer and the case service. */
export interface IntakeDeps {
  reader: TurnReader;
  caseIntake: CaseIntake;
  settings: ResolvedIntakeSettings;
}
