import { describe, expect, it } from 'vitest';
import { describeRecurrence } from './describe';
import { parseRRule } from './recurrence';

const say = (rrule: string, locale: 'nl' | 'en') => describeRecurrence(parseRRule(rrule), rrule, locale);

describe('describeRecurrence', () => {
  it('words the common PLG rhythms in Dutch and English', () => {
    expect(say('FREQ=MONTHLY;BYDAY=2TU', 'nl')).toBe('elke tweede dinsdag van de maand');
    expect(say('FREQ=MONTHLY;BYDAY=2TU', 'en')).toBe('every second Tuesday of the month');
    expect(say('FREQ=MONTHLY;BYDAY=-1FR', 'nl')).toBe('elke laatste vrijdag van de maand');
    expect(say('FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3', 'en')).toBe('every third Tuesday of the month');
    expect(say('FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE', 'en')).toBe('every 2 months on the first Wednesday');
    expect(say('FREQ=WEEKLY;INTERVAL=2;BYDAY=TH', 'nl')).toBe('om de week op donderdag');
    expect(say('FREQ=WEEKLY;BYDAY=MO,WE', 'en')).toBe('every Monday and Wednesday');
    expect(say('FREQ=MONTHLY;BYMONTHDAY=-1', 'nl')).toBe('elke maand op de laatste dag');
    expect(say('FREQ=MONTHLY;BYDAY=2TU;COUNT=10', 'nl')).toBe('elke tweede dinsdag van de maand, 10 keer');
    expect(say('FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270630', 'en')).toBe('every second Tuesday of the month, until 2027-06-30');
  });

  it('falls back to the rule itself when there are no simple words for it', () => {
    expect(say('FREQ=MONTHLY;BYDAY=TU,TH;BYSETPOS=2', 'nl')).toBe('FREQ=MONTHLY;BYDAY=TU,TH;BYSETPOS=2');
  });
});
