import { isPhoneNumber, normalizePhone } from './phone.js';

describe('phone numbers as typed in Japan', () => {
  it('takes full-width digits and every dash an IME gives', () => {
    for (const typed of ['090-1234-5678', '０９０－１２３４－５６７８', '０９０−１２３４−５６７８', '090ー1234ー5678', '090‐1234‐5678', ' 090 1234 5678 ']) {
      const phone = normalizePhone(typed);
      expect(isPhoneNumber(phone)).toBe(true);
    }
    expect(normalizePhone('０９０−１２３４−５６７８')).toBe('090-1234-5678');
    expect(isPhoneNumber(normalizePhone('+81 (0)22-123-4567'))).toBe(true);
  });

  it('refuses what is not a phone number', () => {
    for (const typed of ['', 'abc', '12345', '090-1234-5678 内線', '--090', '0'.repeat(21)]) expect(isPhoneNumber(normalizePhone(typed))).toBe(false);
  });
});
