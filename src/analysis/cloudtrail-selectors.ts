/**
 * What a trail's event selectors record, evaluated as CloudTrail does (the CloudTrail user
 * guide, "Logging management events" and "Logging data events", and the AdvancedFieldSelector
 * API reference):
 * - a trail uses basic selectors (EventSelectors) or advanced ones (AdvancedEventSelectors),
 *   never both; an event is logged when any selector matches it;
 * - in an advanced selector every field condition must hold; within one condition the
 *   positive operators (Equals, StartsWith, EndsWith) match when any value matches, and the
 *   negative ones (NotEquals, NotStartsWith, NotEndsWith) only when no value matches;
 * - basic data resources of type AWS::S3::Object name all buckets (`arn:aws:s3`, or
 *   `arn:aws:s3:::`), a bucket (`arn:aws:s3:::bucket/`), or a prefix inside one.
 * A selector that narrows what it records (by event name, user, error code…) does not record
 * "all" events; it is reported with the reason rather than counted.
 */
import type { AdvancedEventSelector, AdvancedFieldSelector, EventSelector, GetEventSelectorsResponse } from '@aws-sdk/client-cloudtrail';

export interface Coverage {
  read: boolean;
  write: boolean;
  /** Why a selector did not count in full (excluded sources, narrowing conditions). */
  notes: string[];
}

const none = (): Coverage => ({ read: false, write: false, notes: [] });

function merge(into: Coverage, from: Coverage): void {
  into.read ||= from.read;
  into.write ||= from.write;
  into.notes.push(...from.notes);
}

function readWrite(type: string | undefined): Pick<Coverage, 'read' | 'write'> {
  // ReadWriteType defaults to All when a selector is created without it.
  const t = type ?? 'All';
  return { read: t === 'All' || t === 'ReadOnly', write: t === 'All' || t === 'WriteOnly' };
}

/** The readOnly field condition of an advanced selector: which of read and write events it keeps. */
function readOnlyCondition(field: AdvancedFieldSelector): Pick<Coverage, 'read' | 'write'> {
  const keeps = (value: 'true' | 'false'): boolean => fieldAccepts(field, value);
  return { read: keeps('true'), write: keeps('false') };
}

/** Whether one field condition accepts a value, with CloudTrail's any/none rule per operator. */
export function fieldAccepts(field: AdvancedFieldSelector, value: string): boolean {
  const positive: Array<[string[] | undefined, (v: string) => boolean]> = [
    [field.Equals, (v) => value === v],
    [field.StartsWith, (v) => value.startsWith(v)],
    [field.EndsWith, (v) => value.endsWith(v)],
  ];
  const negative: Array<[string[] | undefined, (v: string) => boolean]> = [
    [field.NotEquals, (v) => value === v],
    [field.NotStartsWith, (v) => value.startsWith(v)],
    [field.NotEndsWith, (v) => value.endsWith(v)],
  ];
  for (const [values, test] of positive) if (values?.length && !values.some(test)) return false;
  for (const [values, test] of negative) if (values?.some(test)) return false;
  return true;
}

const conditionText = (f: AdvancedFieldSelector): string =>
  (['Equals', 'StartsWith', 'EndsWith', 'NotEquals', 'NotStartsWith', 'NotEndsWith'] as const)
    .filter((op) => f[op]?.length)
    .map((op) => `${f.Field} ${op} ${f[op]!.join(', ')}`)
    .join('; ');

function selectorName(s: AdvancedEventSelector, i: number): string {
  return s.Name ? `"${s.Name}"` : `#${i + 1}`;
}

/** Management events of both kinds: basic IncludeManagementEvents, or advanced eventCategory = Management. */
export function managementCoverage(selectors: GetEventSelectorsResponse): Coverage {
  const coverage = none();
  for (const s of selectors.EventSelectors ?? []) merge(coverage, basicManagement(s));
  (selectors.AdvancedEventSelectors ?? []).forEach((s, i) => merge(coverage, advancedManagement(s, i)));
  return coverage;
}

function basicManagement(s: EventSelector): Coverage {
  if (s.IncludeManagementEvents === false) return none();
  const notes = s.ExcludeManagementEventSources?.length
    ? [`management events of ${s.ExcludeManagementEventSources.join(', ')} are excluded`]
    : [];
  return { ...readWrite(s.ReadWriteType), notes };
}

function advancedManagement(s: AdvancedEventSelector, i: number): Coverage {
  const fields = s.FieldSelectors ?? [];
  const category = fields.find((f) => f.Field === 'eventCategory');
  if (!category || !fieldAccepts(category, 'Management') || fieldAccepts(category, 'Data')) return none();
  let coverage: Coverage = { read: true, write: true, notes: [] };
  for (const f of fields) {
    if (f.Field === 'eventCategory') continue;
    if (f.Field === 'readOnly') {
      coverage = { ...coverage, ...andCoverage(coverage, readOnlyCondition(f)) };
    } else if (f.Field === 'eventSource' && !f.Equals?.length && !f.StartsWith?.length && !f.EndsWith?.length) {
      // Only exclusions (the documented way to leave out KMS or RDS Data API events): the rest is recorded.
      coverage.notes.push(`selector ${selectorName(s, i)} excludes ${conditionText(f)}`);
    } else {
      return { read: false, write: false, notes: [`selector ${selectorName(s, i)} records only ${conditionText(f)}`] };
    }
  }
  return coverage;
}

const andCoverage = (a: Pick<Coverage, 'read' | 'write'>, b: Pick<Coverage, 'read' | 'write'>) => ({
  read: a.read && b.read,
  write: a.write && b.write,
});

/**
 * Whether every object of `bucket` has its read and write data events logged. `partition`
 * is the ARN partition (aws, aws-cn, aws-us-gov).
 */
export function s3ObjectCoverage(selectors: GetEventSelectorsResponse, bucket: string, partition: string): Coverage {
  const coverage = none();
  const all = [`arn:${partition}:s3`, `arn:${partition}:s3:::`];
  const whole = [`arn:${partition}:s3:::${bucket}`, `arn:${partition}:s3:::${bucket}/`];
  for (const s of selectors.EventSelectors ?? []) {
    for (const r of s.DataResources ?? []) {
      if (r.Type !== 'AWS::S3::Object') continue;
      const values = r.Values ?? [];
      if (values.some((v) => all.includes(v) || whole.includes(v))) merge(coverage, { ...readWrite(s.ReadWriteType), notes: [] });
      else {
        const partial = values.filter((v) => v.startsWith(`${whole[1]}`));
        if (partial.length) coverage.notes.push(`only the prefixes ${partial.join(', ')} are logged`);
      }
    }
  }
  (selectors.AdvancedEventSelectors ?? []).forEach((s, i) => merge(coverage, advancedS3(s, i, `arn:${partition}:s3:::${bucket}/`)));
  return coverage;
}

function advancedS3(s: AdvancedEventSelector, i: number, objectPrefix: string): Coverage {
  const fields = s.FieldSelectors ?? [];
  const category = fields.find((f) => f.Field === 'eventCategory');
  const type = fields.find((f) => f.Field === 'resources.type');
  if (!category || !fieldAccepts(category, 'Data') || !type || !fieldAccepts(type, 'AWS::S3::Object')) return none();
  let coverage: Coverage = { read: true, write: true, notes: [] };
  for (const f of fields) {
    if (f.Field === 'eventCategory' || f.Field === 'resources.type') continue;
    if (f.Field === 'readOnly') {
      coverage = { ...coverage, ...andCoverage(coverage, readOnlyCondition(f)) };
    } else if (f.Field === 'resources.ARN') {
      const why = arnLeavesObjectsOut(f, objectPrefix);
      if (why) return { read: false, write: false, notes: [`selector ${selectorName(s, i)}: ${why}`] };
    } else {
      return { read: false, write: false, notes: [`selector ${selectorName(s, i)} records only events where ${conditionText(f)}`] };
    }
  }
  return coverage;
}

/**
 * Whether a resources.ARN condition leaves out some object of the bucket (every key can
 * follow `objectPrefix`): undefined when it keeps them all, else the reason.
 */
function arnLeavesObjectsOut(f: AdvancedFieldSelector, objectPrefix: string): string | undefined {
  const text = conditionText(f);
  // A positive condition keeps every object only through a StartsWith value that the bucket's
  // object ARNs all begin with; Equals names single objects and EndsWith only some keys.
  if (f.Equals?.length || f.EndsWith?.length || (f.StartsWith?.length && !f.StartsWith.some((v) => objectPrefix.startsWith(v))))
    return `the bucket's objects are not all selected (${text})`;
  // A negative condition removes the objects it can match: any overlap with the bucket's keys.
  if ((f.NotStartsWith ?? []).some((v) => objectPrefix.startsWith(v) || v.startsWith(objectPrefix)))
    return `objects of the bucket are excluded (${text})`;
  if ((f.NotEquals ?? []).some((v) => v.startsWith(objectPrefix))) return `objects of the bucket are excluded (${text})`;
  if (f.NotEndsWith?.length) return `objects whose keys end in ${f.NotEndsWith.join(', ')} are excluded`;
  return undefined;
}
