/** A compliance framework's control list: what "not covered" is measured against. */
import type { Framework } from '../engine/types.js';

export interface ControlDef {
  id: string;
  title: string;
}

export interface FrameworkDef {
  key: Framework;
  title: string;
  /** Where the ids and titles were checked (a reviewer can verify the list). */
  source: string;
  /** What part of the framework the list holds, when it is not the whole of it. */
  scope?: string;
  controls: readonly ControlDef[];
}
