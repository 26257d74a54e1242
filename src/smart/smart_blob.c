/* Pure decoders under the SMART reader: the record walk of libatasmart's blob format (tag,
 * big-endian length, payload) and the parts of ATA IDENTIFY DEVICE libatasmart does not decode
 * (WWN, capacity, rotation). Also writes blobs from raw pages for the SG_IO path. No I/O. */
#include <errno.h>
#include <string.h>

#include "smart/smart_model.h"

static uint32_t be32(const uint8_t *p)
{
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int smart_blob_find(const void *blob, size_t len, const char tag[4], const uint8_t **ret_payload,
                    size_t *ret_len)
{
        const uint8_t *p = blob;
        size_t left = len;
        const uint8_t *found = NULL;
        size_t found_len = 0;

        if (!p || len == 0)
                return -EINVAL;
        while (left > 0) {
                if (left < 8)
                        return -EINVAL;
                uint32_t n = be32(p + 4);
                if (left - 8 < n)
                        return -EINVAL;
                if (!found && memcmp(p, tag, 4) == 0) {
                        found = p + 8;
                        found_len = n;
                }
                p += 8 + (size_t)n;
                left -= 8 + (size_t)n;
        }
        if (!found)
                return -ENOENT;
        *ret_payload = found;
        *ret_len = found_len;
        return 0;
}

static uint16_t word(const uint8_t *page, unsigned w)
{
        return (uint16_t)(page[2 * w] | page[2 * w + 1] << 8);
}

/* A word pair or quad that says it holds valid data: bit 14 set, bit 15 clear. */
static bool word_valid(uint16_t w)
{
        return (w & 0xc000) == 0x4000;
}

int smart_identify_decode(const uint8_t *page, size_t len, struct smart_identify *ret)
{
        struct smart_identify id = {0};

        if (!page || len < SMART_BLOB_PAGE)
                return -EINVAL;
        uint16_t w83 = word(page, 83), w87 = word(page, 87), w106 = word(page, 106);

        id.smart_supported = (word(page, 82) & 1) != 0; /* word 82 bit 0, as libatasmart */
        id.smart_enabled = (word(page, 85) & 1) != 0;

        uint64_t sectors = 0;
        if (word_valid(w83) && (w83 & 0x0400)) /* 48-bit addressing: words 100..103 */
                for (unsigned i = 0; i < 4; i++)
                        sectors |= (uint64_t)word(page, 100 + i) << (16 * i);
        if (sectors == 0)
                sectors = (uint64_t)word(page, 60) | (uint64_t)word(page, 61) << 16;
        uint64_t sector_size = 512;
        /* Word 106 bit 12: logical sectors longer than 256 words, size in words 117..118. */
        if (word_valid(w106) && (w106 & 0x1000)) {
                uint64_t words = (uint64_t)word(page, 117) | (uint64_t)word(page, 118) << 16;
                if (words >= 256 && words <= 32768)
                        sector_size = 2 * words;
        }
        if (sectors > 0 && sectors < (UINT64_MAX / sector_size)) {
                id.has_capacity = true;
                id.capacity_bytes = sectors * sector_size;
        }
        /* Word 87 bit 8: the WWN in words 108..111 is valid, most significant word first. */
        if (word_valid(w87) && (w87 & 0x0100)) {
                uint64_t wwn = 0;
                for (unsigned i = 0; i < 4; i++)
                        wwn = wwn << 16 | word(page, 108 + i);
                if (wwn) {
                        id.has_wwn = true;
                        id.wwn = wwn;
                }
        }
        id.rotation = word(page, 217);
        *ret = id;
        return 0;
}

static size_t put_record(uint8_t *out, const char tag[4], const void *payload, uint32_t n)
{
        memcpy(out, tag, 4);
        out[4] = (uint8_t)(n >> 24);
        out[5] = (uint8_t)(n >> 16);
        out[6] = (uint8_t)(n >> 8);
        out[7] = (uint8_t)n;
        memcpy(out + 8, payload, n);
        return 8 + (size_t)n;
}

size_t smart_blob_write(uint8_t *out, const uint8_t *identify, int status, const uint8_t *data,
                        const uint8_t *thresholds)
{
        size_t n = put_record(out, "IDFY", identify, SMART_BLOB_PAGE);
        if (status >= 0) {
                uint8_t st[4] = {0, 0, 0, status ? 1 : 0};
                n += put_record(out + n, "SMST", st, 4);
        }
        if (data)
                n += put_record(out + n, "SMDT", data, SMART_BLOB_PAGE);
        if (thresholds)
                n += put_record(out + n, "SMTH", thresholds, SMART_BLOB_PAGE);
        return n;
}
