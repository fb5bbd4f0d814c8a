#include "Utf8.h"

namespace onramp::utf8 {

int sequenceLength(QByteArrayView text, qsizetype i, char32_t* codePoint)
{
    const auto byte = [&](qsizetype k) { return k < text.size() ? uchar(text[k]) : 0u; };
    const uint lead = byte(i);
    char32_t c = 0;
    int length = 0;
    uint low = 0x80; // the second byte's range, narrower after E0, ED, F0 and F4
    uint high = 0xBF;
    if (i >= text.size()) {
        return 0;
    } else if (lead < 0x80) {
        length = 1;
        c = lead;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        c = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        c = lead & 0x0F;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        c = lead & 0x07;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    for (int k = 1; k < length; ++k) {
        const uint next = byte(i + k);
        if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF))
            return 0;
        c = (c << 6) | (next & 0x3F);
    }
    if (codePoint)
        *codePoint = c;
    return length;
}

} // namespace onramp::utf8
