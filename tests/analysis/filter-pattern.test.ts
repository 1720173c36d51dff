import { describe, expect, it } from 'vitest';
import { FilterPatternError, matchesEvent, parseFilterPattern, parseSelector } from '../../src/analysis/filter-pattern.js';
import { judgeFilter, MONITORED_EVENTS } from '../../src/analysis/monitoring-corpus.js';

const event = {
  eventName: 'ConsoleLogin',
  errorCode: 'Client.UnauthorizedOperation',
  latency: 1500,
  flag: true,
  off: false,
  nothing: null,
  code: '404',
  userIdentity: { type: 'Root', sessionContext: { attributes: { mfaAuthenticated: 'false' } } },
  resources: [{ ARN: 'arn:aws:s3:::a' }, { ARN: 'arn:aws:s3:::b', type: 'AWS::S3::Bucket' }],
  message: 'user "bob" failed',
};
const m = (pattern: string, e: unknown = event): boolean => matchesEvent(parseFilterPattern(pattern), e);

describe('parseSelector', () => {
  it.each([
    ['$.a', ['a']],
    ['$.a.b.c', ['a', 'b', 'c']],
    ['$.resources[1].ARN', ['resources', 1, 'ARN']],
    ['$.list[0][2]', ['list', 0, 2]],
  ])('%s', (selector, path) => expect(parseSelector(selector)).toEqual(path));
  it.each(['$', '$.', 'a.b', '$.a[x]', '$.a..b'])('refuses %s', (selector) =>
    expect(() => parseSelector(selector)).toThrow(FilterPatternError),
  );
});

describe('JSON filter patterns: matchesEvent', () => {
  it.each([
    ['{ $.eventName = "ConsoleLogin" }', true],
    ['{ $.eventName = ConsoleLogin }', true],
    ['{$.eventName=ConsoleLogin}', true],
    ['{ $.eventName = "consolelogin" }', false],
    ['{ $.eventName != "ConsoleLogin" }', false],
    ['{ $.eventName != "GetObject" }', true],
    // wildcards at either end and in the middle
    ['{ $.errorCode = "*UnauthorizedOperation" }', true],
    ['{ $.errorCode = "Client.*" }', true],
    ['{ $.errorCode = "*Unauthorized*" }', true],
    ['{ $.errorCode = "Client*Operation" }', true],
    ['{ $.errorCode = "UnauthorizedOperation" }', false],
    ['{ $.errorCode = * }', true],
    // nested fields and arrays
    ['{ $.userIdentity.type = "Root" }', true],
    ['{ $.userIdentity.sessionContext.attributes.mfaAuthenticated = "false" }', true],
    ['{ $.resources[1].ARN = "arn:aws:s3:::b" }', true],
    ['{ $.resources[0].type NOT EXISTS }', true],
    ['{ $.resources[5].ARN = * }', false],
    // numbers
    ['{ $.latency > 1000 }', true],
    ['{ $.latency >= 1500 }', true],
    ['{ $.latency < 1500 }', false],
    ['{ $.latency <= 1500.0 }', true],
    ['{ $.latency = 1500 }', true],
    ['{ $.latency != 1500 }', false],
    ['{ $.code = 404 }', true],
    ['{ $.code > 400 }', true],
    // IS and NOT EXISTS
    ['{ $.flag IS TRUE }', true],
    ['{ $.flag IS FALSE }', false],
    ['{ $.off IS FALSE }', true],
    ['{ $.nothing IS NULL }', true],
    ['{ $.missing IS NULL }', false],
    ['{ $.missing NOT EXISTS }', true],
    ['{ $.nothing NOT EXISTS }', false],
    ['{ $.userIdentity.invokedBy NOT EXISTS }', true],
    // a comparison on a missing field is false, != included
    ['{ $.missing != "x" }', false],
    ['{ $.missing = * }', false],
    // an object is not a scalar
    ['{ $.userIdentity = * }', false],
    // && binds tighter than ||; parentheses override
    ['{ $.eventName = X || $.eventName = ConsoleLogin && $.flag IS FALSE }', false],
    ['{ ($.eventName = X || $.eventName = ConsoleLogin) && $.flag IS TRUE }', true],
    ['{ $.eventName = ConsoleLogin && $.flag IS FALSE || $.latency > 1 }', true],
    ['{ (($.eventName = ConsoleLogin)) }', true],
    // quotes and escapes
    ['{ $.message = "user \\"bob\\" failed" }', true],
    ['{ $.message = "*\\"bob\\"*" }', true],
    // regex values
    ['{ $.errorCode = %Unauthorized% }', true],
    ['{ $.errorCode = %^Unauthorized% }', false],
    // whitespace, newlines and tabs anywhere between tokens
    ['{\n  ($.eventName = "ConsoleLogin")\n\t&&\n  ($.userIdentity.type = "Root")\n}', true],
  ])('%s → %s', (pattern, expected) => expect(m(pattern)).toBe(expected));

  it.each([
    ['{ }', 'empty'],
    ['{ $.a = "x" ', 'not closed'],
    ['{ $.a = "x }', 'unterminated'],
    ['{ $.a = }', 'ends where'],
    ['{ $.a }', 'ends where'],
    ['{ $.a IS MAYBE }', 'TRUE, FALSE or NULL'],
    ['{ $.a NOT THERE }', 'EXISTS'],
    ['{ $.a > "x" }', 'compares numbers'],
    ['{ ($.a = 1 }', '")"'],
    ['{ $.a = 1 $.b = 2 }', 'unexpected'],
    ['{ a = 1 }', 'selector'],
    ['{ $.a = %(% }', 'regular expression'],
    ['[ip, user, status = 404]', 'space-delimited'],
  ])('refuses %s (%s)', (pattern, why) => {
    expect(() => parseFilterPattern(pattern)).toThrow(FilterPatternError);
    expect(() => parseFilterPattern(pattern)).toThrow(why);
  });
});

describe('term patterns on the raw text', () => {
  it.each([
    ['', true],
    ['   ', true],
    ['ConsoleLogin', true],
    ['ConsoleLogin Root', true],
    ['ConsoleLogin Admin', false],
    ['?Admin ?Root', true],
    ['?Admin ?Nobody', false],
    ['ConsoleLogin -Root', false],
    ['"Client.UnauthorizedOperation"', true],
    ['%Unauthorized[A-Z]%', true],
  ])('%j → %s', (pattern, expected) => expect(m(pattern)).toBe(expected));
});

describe('the monitored-event corpus', () => {
  it('has 15 controls numbered 4.1–4.15, 14 of them with a Security Hub CloudWatch control', () => {
    expect(MONITORED_EVENTS.map((c) => c.cis)).toEqual(Array.from({ length: 15 }, (_, i) => `4.${i + 1}`));
    expect(new Set(MONITORED_EVENTS.flatMap((c) => c.securityHub ?? [])).size).toBe(14);
  });
  it.each(MONITORED_EVENTS.map((c) => [c.cis, c] as const))(
    '%s: the recommended pattern satisfies its control and no other',
    (_, control) => {
      expect(judgeFilter(parseFilterPattern(control.recommended), control)).toEqual({ satisfies: true });
      for (const other of MONITORED_EVENTS) {
        if (other !== control) expect(judgeFilter(parseFilterPattern(control.recommended), other).satisfies, other.cis).toBe(false);
      }
    },
  );
  const control = (cis: string) => MONITORED_EVENTS.find((c) => c.cis === cis)!;
  it.each([
    // awkward spellings that still mean the same thing
    ['4.1', '{($.errorCode="*UnauthorizedOperation")||($.errorCode="AccessDenied*")}', true],
    ['4.1', '{ ($.errorCode = AccessDenied*) ||\n ($.errorCode = *UnauthorizedOperation) }', true],
    [
      '4.1',
      '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
      true,
    ],
    // AccessDenied exactly misses AccessDeniedException; UnauthorizedOperation exactly misses EC2's Client. prefix
    ['4.1', '{ ($.errorCode = "UnauthorizedOperation") || ($.errorCode = "AccessDenied") }', false],
    // the pattern with every term joined by || alarms on nearly every call
    [
      '4.1',
      '{ ($.errorCode = "UnauthorizedOperation") || ($.errorCode = "AccessDenied") || ($.sourceIPAddress != "delivery.logs.amazonaws.com") || ($.eventName != "HeadBucket") }',
      false,
    ],
    ['4.1', '{ $.errorCode = * }', false],
    ['4.2', '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }', true],
    ['4.2', '{ $.eventName = "ConsoleLogin" }', false],
    ['4.3', '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }', true],
    ['4.3', '{ $.userIdentity.type = Root }', false],
    ['4.3', '{ ($.userIdentity.type = "Root") && ($.userIdentity.invokedBy NOT EXISTS) }', true],
    // a missing || term
    [
      '4.5',
      '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) }',
      false,
    ],
    // reordered terms
    [
      '4.5',
      '{ ($.eventName = StopLogging) || ($.eventName = StartLogging) || ($.eventName = DeleteTrail) || ($.eventName = UpdateTrail) || ($.eventName = CreateTrail) }',
      true,
    ],
    ['4.5', '{ $.eventSource = cloudtrail.amazonaws.com && $.readOnly IS FALSE }', true],
    ['4.10', '{ $.eventName = *SecurityGroup* && $.readOnly IS FALSE }', true],
    ['4.10', '{ $.eventName = *SecurityGroup* }', false],
  ])('%s: %s → %s', (cis, pattern, satisfies) => {
    expect(judgeFilter(parseFilterPattern(pattern), control(cis)).satisfies).toBe(satisfies);
  });
  it('names what a filter misses, what it wrongly matches, and a catch-all', () => {
    const missing = judgeFilter(parseFilterPattern('{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) }'), control('4.5'));
    expect(missing).toMatchObject({ satisfies: false, catchAll: false });
    expect(missing.satisfies === false && missing.reason).toContain('would not match DeleteTrail');
    const wide = judgeFilter(parseFilterPattern('{ $.eventSource = cloudtrail.amazonaws.com }'), control('4.5'));
    expect(wide.satisfies === false && wide.reason).toContain('would also alarm on DescribeTrails');
    for (const all of ['', '{ $.eventVersion = * }', '{ $.eventName = * || $.errorCode = * }']) {
      const judged = judgeFilter(parseFilterPattern(all), control('4.3'));
      expect(judged).toMatchObject({ satisfies: false, catchAll: true });
      expect(judged.satisfies === false && judged.reason).toContain('would alarm on every event');
    }
  });
});
