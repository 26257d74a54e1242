/* Test disks built from the ATA specification: IDENTIFY DEVICE, SMART READ DATA and SMART READ
 * THRESHOLDS pages laid out byte by byte as a drive returns them, wrapped in libatasmart's blob
 * format (skdump --save) so the real libatasmart reads them back. Header only: tests/tools/mkblob
 * and the unit tests share it. */
#ifndef SRVH_TEST_BLOB_BUILDER_H
#define SRVH_TEST_BLOB_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define BB_PAGE               512
#define BB_ATTRS_MAX          30
#define BB_BLOB_MAX           (4 * (8 + BB_PAGE))
#define BB_ATTR_FLAGS_PREFAIL 0x0001 /* bit 0: pre-failure warranty */
#define BB_ATTR_FLAGS_ONLINE  0x0002 /* bit 1: collected on line */

struct bb_attr {
        uint8_t id;
        uint16_t flags;
        uint8_t value, worst;
        uint64_t raw; /* 48 bits used */
        uint8_t threshold;
};

struct bb_disk {
        const char *model, *serial, *firmware;
        uint64_t sectors;       /* 512-byte LBAs (words 100..103, and 60..61 capped) */
        uint64_t wwn;           /* NAA WWN (words 108..111), 0 = none */
        uint16_t rotation;      /* word 217: 1 = non-rotating (SSD), else rpm, 0 = not reported */
        bool smart_supported;   /* word 82 bit 0 */
        bool smart_enabled;     /* word 85 bit 0 */
        bool with_status;       /* an SMST record */
        bool status_good;       /* its value */
        bool with_data;         /* an SMDT record */
        bool with_thresholds;   /* an SMTH record */
        uint16_t sct_caps;      /* word 206: bit 0 SCT, bit 3 Error Recovery Control, 0 = none */
        uint16_t sata_caps;     /* word 76: bits 1..3 SATA 1.5/3.0/6.0 Gbit/s, 0 = not reported */
        uint8_t self_test_exec; /* SMART READ DATA byte 363: last/current self-test status */
        struct bb_attr attrs[BB_ATTRS_MAX];
        size_t n_attrs;
};

static inline void bb_put16(uint8_t *page, unsigned word, uint16_t v)
{
        page[2 * word] = (uint8_t)(v & 0xff); /* IDENTIFY words are little-endian */
        page[2 * word + 1] = (uint8_t)(v >> 8);
}

/* ATA strings: two characters per word, the first in the high byte, padded with spaces. */
static inline void bb_put_string(uint8_t *page, unsigned word, unsigned n_words, const char *s)
{
        size_t len = s ? strlen(s) : 0;
        for (unsigned i = 0; i < 2 * n_words; i++) {
                uint8_t c = i < len ? (uint8_t)s[i] : ' ';
                page[2 * word + (i ^ 1)] = c;
        }
}

/* Byte 511 makes the page sum to 0 modulo 256 (ATA checksum rule for all three pages). */
static inline void bb_checksum(uint8_t *page)
{
        uint8_t sum = 0;
        for (size_t i = 0; i < BB_PAGE - 1; i++)
                sum = (uint8_t)(sum + page[i]);
        page[BB_PAGE - 1] = (uint8_t)(0x100 - sum);
}

static inline void bb_identify(const struct bb_disk *d, uint8_t *p)
{
        memset(p, 0, BB_PAGE);
        bb_put16(p, 0, 0x0040); /* general configuration: ATA device, fixed */
        bb_put_string(p, 10, 10, d->serial);
        bb_put_string(p, 23, 4, d->firmware);
        bb_put_string(p, 27, 20, d->model);
        bb_put16(p, 49, 0x0300); /* capabilities: LBA and DMA supported */
        uint64_t lba28 = d->sectors > 0x0fffffff ? 0x0fffffff : d->sectors;
        bb_put16(p, 60, (uint16_t)(lba28 & 0xffff));
        bb_put16(p, 61, (uint16_t)(lba28 >> 16));
        bb_put16(p, 80, 0x01f0); /* major version: ATA/ATAPI-4 .. ACS-2 */
        bb_put16(p, 82, (uint16_t)(0x4000 | (d->smart_supported ? 1 : 0)));
        bb_put16(p, 83, 0x4400); /* bit 10: 48-bit address feature set */
        bb_put16(p, 84, (uint16_t)(0x4000 | (d->wwn ? 0x0100 : 0)));
        bb_put16(p, 85, (uint16_t)(0x4000 | (d->smart_enabled ? 1 : 0)));
        bb_put16(p, 86, 0x0400);
        bb_put16(p, 87, (uint16_t)(0x4000 | (d->wwn ? 0x0100 : 0)));
        for (unsigned i = 0; i < 4; i++)
                bb_put16(p, 100 + i, (uint16_t)(d->sectors >> (16 * i)));
        for (unsigned i = 0; i < 4; i++) /* word 108 holds the most significant 16 bits */
                bb_put16(p, 108 + i, (uint16_t)(d->wwn >> (16 * (3 - i))));
        bb_put16(p, 217, d->rotation);
        bb_put16(p, 206, d->sct_caps);
        bb_put16(p, 76, d->sata_caps);
        p[510] = 0xa5; /* integrity word: signature, then the checksum in byte 511 */
        bb_checksum(p);
}

/* SMART READ DATA: revision, 30 attribute entries of 12 bytes at offset 2, then the off-line and
 * self-test status bytes and capabilities. */
static inline void bb_smart_data(const struct bb_disk *d, uint8_t *p)
{
        memset(p, 0, BB_PAGE);
        p[0] = 0x10; /* data structure revision */
        for (size_t i = 0; i < d->n_attrs && i < BB_ATTRS_MAX; i++) {
                uint8_t *e = p + 2 + 12 * i;
                const struct bb_attr *a = &d->attrs[i];
                e[0] = a->id;
                e[1] = (uint8_t)(a->flags & 0xff);
                e[2] = (uint8_t)(a->flags >> 8);
                e[3] = a->value;
                e[4] = a->worst;
                for (unsigned k = 0; k < 6; k++)
                        e[5 + k] = (uint8_t)(a->raw >> (8 * k));
        }
        p[362] = 0x82;              /* off-line data collection completed without error, auto on */
        p[363] = d->self_test_exec; /* 00h: last self-test completed without error */
        p[364] = 0x58;              /* 600 s off-line collection */
        p[365] = 0x02;
        p[367] =
            0x5b; /* off-line capabilities: immediate, auto, abort, short/extended, selective */
        p[368] = 0x03; /* SMART capabilities: saves data before power saving, autosave */
        p[370] = 0x01; /* error logging supported */
        p[372] = 2;    /* short self-test: 2 min */
        p[373] = 0xff; /* extended self-test: see 375..376 */
        p[375] = 0x2c;
        p[376] = 0x01; /* 300 min */
        p[374] = 5;
        bb_checksum(p);
}

/* SMART READ THRESHOLDS: revision, 30 entries of 12 bytes (id, threshold, reserved). */
static inline void bb_thresholds(const struct bb_disk *d, uint8_t *p)
{
        memset(p, 0, BB_PAGE);
        p[0] = 0x10;
        for (size_t i = 0; i < d->n_attrs && i < BB_ATTRS_MAX; i++) {
                p[2 + 12 * i] = d->attrs[i].id;
                p[2 + 12 * i + 1] = d->attrs[i].threshold;
        }
        bb_checksum(p);
}

static inline size_t bb_record(uint8_t *out, const char tag[4], const void *payload, uint32_t n)
{
        memcpy(out, tag, 4);
        out[4] = (uint8_t)(n >> 24); /* lengths are big-endian */
        out[5] = (uint8_t)(n >> 16);
        out[6] = (uint8_t)(n >> 8);
        out[7] = (uint8_t)n;
        memcpy(out + 8, payload, n);
        return 8 + n;
}

/* The blob, records in skdump's order (IDFY, SMST, SMDT, SMTH). out holds BB_BLOB_MAX bytes. */
static inline size_t bb_blob(const struct bb_disk *d, uint8_t *out)
{
        uint8_t page[BB_PAGE];
        size_t n = 0;
        bb_identify(d, page);
        n += bb_record(out + n, "IDFY", page, BB_PAGE);
        if (d->with_status) {
                uint8_t st[4] = {0, 0, 0, d->status_good ? 1 : 0};
                n += bb_record(out + n, "SMST", st, 4);
        }
        if (d->with_data) {
                bb_smart_data(d, page);
                n += bb_record(out + n, "SMDT", page, BB_PAGE);
        }
        if (d->with_thresholds) {
                bb_thresholds(d, page);
                n += bb_record(out + n, "SMTH", page, BB_PAGE);
        }
        return n;
}

static inline void bb_add(struct bb_disk *d, uint8_t id, uint16_t flags, uint8_t value,
                          uint8_t worst, uint8_t threshold, uint64_t raw)
{
        if (d->n_attrs < BB_ATTRS_MAX)
                d->attrs[d->n_attrs++] = (struct bb_attr){.id = id,
                                                          .flags = flags,
                                                          .value = value,
                                                          .worst = worst,
                                                          .threshold = threshold,
                                                          .raw = raw};
}

static inline struct bb_attr *bb_find(struct bb_disk *d, uint8_t id)
{
        for (size_t i = 0; i < d->n_attrs; i++) {
                if (d->attrs[i].id == id)
                        return &d->attrs[i];
        }
        return NULL;
}

#define BB_PO (BB_ATTR_FLAGS_PREFAIL | BB_ATTR_FLAGS_ONLINE)
#define BB_O  BB_ATTR_FLAGS_ONLINE

/* A healthy 4 TB hard disk: 12345 power-on hours, 321 power cycles, 36 C, no bad sectors. */
static inline void bb_healthy_hdd(struct bb_disk *d)
{
        *d = (struct bb_disk){.model = "WDC WD40EFRX-68N32N0",
                              .serial = "WD-WCC7K1234567",
                              .firmware = "82.00A82",
                              .sectors = 7814037168ull,
                              .wwn = 0x50014ee2b1234567ull,
                              .rotation = 5400,
                              .smart_supported = true,
                              .smart_enabled = true,
                              .with_status = true,
                              .status_good = true,
                              .with_data = true,
                              .with_thresholds = true};
        bb_add(d, 1, BB_PO, 200, 200, 51, 0);
        bb_add(d, 3, 0x0003, 177, 175, 21, 6125);
        bb_add(d, 4, 0x0032, 100, 100, 0, 412);
        bb_add(d, 5, 0x0033, 200, 200, 140, 0);
        bb_add(d, 7, 0x002e, 200, 200, 0, 0);
        bb_add(d, 9, 0x0032, 84, 84, 0, 12345);
        bb_add(d, 10, 0x0032, 100, 100, 0, 0);
        bb_add(d, 12, 0x0032, 100, 100, 0, 321);
        bb_add(d, 193, 0x0032, 200, 200, 0, 1043);
        bb_add(d, 194, 0x0022, 114, 101, 0, 36);
        bb_add(d, 196, 0x0032, 200, 200, 0, 0);
        bb_add(d, 197, 0x0032, 200, 200, 0, 0);
        bb_add(d, 198, 0x0030, 100, 253, 0, 0);
        bb_add(d, 199, 0x0032, 200, 200, 0, 0);
        bb_add(d, 200, 0x0008, 200, 200, 0, 0);
}

/* An SSD that reports no temperature attribute (no 190, no 194) and no WWN. */
static inline void bb_ssd_no_temperature(struct bb_disk *d)
{
        *d = (struct bb_disk){.model = "Samsung SSD 860 EVO 500GB",
                              .serial = "S3Z2NB0K123456X",
                              .firmware = "RVT02B6Q",
                              .sectors = 976773168ull,
                              .rotation = 1,
                              .smart_supported = true,
                              .smart_enabled = true,
                              .with_status = true,
                              .status_good = true,
                              .with_data = true,
                              .with_thresholds = true};
        bb_add(d, 5, 0x0033, 100, 100, 10, 0);
        bb_add(d, 9, 0x0032, 97, 97, 0, 9876);
        bb_add(d, 12, 0x0032, 99, 99, 0, 57);
        bb_add(d, 177, 0x0013, 99, 99, 0, 12);
        bb_add(d, 179, 0x0013, 100, 100, 10, 0);
        bb_add(d, 181, 0x0032, 100, 100, 10, 0);
        bb_add(d, 235, 0x0032, 99, 99, 0, 31);
        bb_add(d, 241, 0x0032, 99, 99, 0, 18238740237ull);
}

/* The healthy disk after it remapped 8 sectors and has 2 pending: values still above their
 * thresholds, so only the sector counts tell. */
static inline void bb_reallocated(struct bb_disk *d)
{
        bb_healthy_hdd(d);
        bb_find(d, 5)->raw = 8;
        bb_find(d, 5)->value = 199;
        bb_find(d, 196)->raw = 8;
        bb_find(d, 197)->raw = 2;
}

/* A pre-failure attribute (raw read error rate) whose normalised value fell below its threshold. */
static inline void bb_below_threshold(struct bb_disk *d)
{
        bb_healthy_hdd(d);
        struct bb_attr *a = bb_find(d, 1);
        a->value = 40;
        a->worst = 40;
        a->raw = 2193;
}

/* The drive's own self-assessment (SMART RETURN STATUS) says it is failing. */
static inline void bb_bad_status(struct bb_disk *d)
{
        bb_healthy_hdd(d);
        d->status_good = false;
}

/* A blob saved while SMART RETURN STATUS could not be read: no SMST record. */
static inline void bb_no_status(struct bb_disk *d)
{
        bb_healthy_hdd(d);
        d->with_status = false;
}

/* A model and firmware in libatasmart's quirk list whose attribute 9 counts minutes: 600000 raw
 * is 10000 hours. */
static inline void bb_minutes_quirk(struct bb_disk *d)
{
        bb_healthy_hdd(d);
        d->model = "Maxtor 96147H8";
        d->serial = "V20ABCDE";
        d->firmware = "BAC51KJ0";
        d->wwn = 0;
        d->sectors = 120103200ull;
        bb_find(d, 9)->raw = 600000;
}

#endif
