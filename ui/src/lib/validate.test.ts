import { describe, expect, it } from 'vitest';
import { blankFields, errorField } from './validate';
import type { ApiError } from './bindings/ApiError';

const err = (params?: Record<string, string>): ApiError => ({ code: 'invalid', message: '…', params });
const names = { Rubrik: 'title', Tidpunkt: 'occurredAt', 'Orsak till sen registrering': 'lateReason' } as const;

describe('blankFields', () => {
  it('names every blank required field at once, in form order', () => {
    const f = { title: ' ', text: 'Reservkraft', basis: '', by: 'Anna' };
    expect(blankFields(f, ['title', 'text', 'basis', 'by'])).toEqual(['title', 'basis']);
  });
});

describe('errorField', () => {
  it('finds the field by the name the core gives it', () => {
    expect(errorField(err({ field: 'Rubrik' }), names)).toBe('title');
    expect(errorField(err({ field: 'Okänt fält' }), names)).toBeNull();
  });
  it('ties the late-entry and time errors to their fields', () => {
    expect(errorField(err({ late_minutes: '10' }), names)).toBe('lateReason');
    expect(errorField(err({ occurred_at: '2026-11-25T10:00:00Z', future_minutes: '5' }), names)).toBe('occurredAt');
  });
  it('leaves errors about no field to the form-wide line', () => {
    expect(errorField(err(), names)).toBeNull();
    expect(errorField(null, names)).toBeNull();
  });
});
