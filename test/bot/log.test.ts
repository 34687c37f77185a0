import { safeError } from '../../bot/log';

describe('what an error leaves in the log', () => {
  it('keeps its kind and origin, never the input it quotes', () => {
    let parseError: unknown;
    try {
      JSON.parse('{"text": "mon numéro est 0600000000"');
    } catch (error) {
      parseError = error;
    }
    const logged = JSON.stringify(safeError(parseError));
    expect(logged).toContain('SyntaxError');
    expect(logged).not.toContain('0600000000');
    expect(safeError(Object.assign(new Error("Storage: error writing 'directline/users/r_abc/' due to eTag conflict."), { code: 'X' }))).toMatchObject({
      type: 'Error',
      code: 'X',
      message: 'Storage: error writing […] due to eTag conflict.',
    });
    expect(safeError('a string')).toEqual({ type: 'string' });
  });
});
