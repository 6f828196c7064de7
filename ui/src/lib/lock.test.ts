import { describe, expect, it } from 'vitest';
import { lockLook } from './lock';

const skarpt = { id: 'skarpt', colour: '#b54708', text_colour: '#ffffff', classification: 'ej-sekretess' };
const fred = { id: 'fred', colour: '#1d3b5e', text_colour: '#fff', classification: 'ej-sekretess' };

describe('lockLook', () => {
  it('finds the mode the core named among those remembered', () => {
    expect(lockLook('skarpt', [fred, skarpt])).toEqual(skarpt);
    expect(lockLook('fred', [fred, skarpt])).toEqual(fred);
  });
  it('is null before the first unlock (no mode) or when the mode was never seen', () => {
    expect(lockLook(null, [fred, skarpt])).toBeNull();
    expect(lockLook('krig', [fred, skarpt])).toBeNull();
    expect(lockLook('fred', [])).toBeNull();
  });
  it('takes nothing from storage that is not a look', () => {
    expect(lockLook('fred', null)).toBeNull();
    expect(lockLook('fred', { fred })).toBeNull();
    expect(lockLook('fred', [{ ...fred, colour: 'red;background:url(x)' }])).toBeNull();
    expect(lockLook('fred', [{ ...fred, text_colour: 7 }])).toBeNull();
    expect(lockLook('fred', [{ ...fred, id: 'annat' }])).toBeNull();
    expect(lockLook('fred', [{ ...fred, classification: undefined }])).toBeNull();
  });
});
