/* Test log pages built from the ATA Command Set layouts, byte by byte as a drive returns them:
 * the SMART self-test log (06h) and extended self-test log (07h), the summary error log (01h),
 * the extended comprehensive error log (03h) and the SCT status response (log E0h). Header only:
 * tests/tools/mkblob and the unit tests share it. Every page ends with the ATA checksum. */
#ifndef SRVH_TEST_LOG_BUILDER_H
#define SRVH_TEST_LOG_BUILDER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define LB_PAGE 512

/* One test as the drive logs it: the subcommand it was started with (1 short, 2 extended,
 * 3 conveyance, 4 selective, 81h.. captive), the status byte (result << 4 | tenths remaining),
 * the power-on hour and the failing LBA (0 none). */
struct lb_test {
        uint8_t subcommand, status;
        uint16_t hour;
        uint64_t lba;
};

static inline void lb_checksum(uint8_t *page)
{
        uint8_t sum = 0;
        for (size_t i = 0; i < LB_PAGE - 1; i++)
                sum = (uint8_t)(sum + page[i]);
        page[LB_PAGE - 1] = (uint8_t)(0x100 - sum);
}

/* Log 06h with n tests, oldest first, written into the 21-slot ring from slot `first` (0-based)
 * on, so a ring that has wrapped can be built too. */
static inline void lb_selftest(uint8_t *p, const struct lb_test *t, size_t n, unsigned first)
{
        memset(p, 0, LB_PAGE);
        p[0] = 0x01; /* revision 0001h */
        unsigned slot = first;
        for (size_t i = 0; i < n; i++) {
                slot = (unsigned)((first + i) % 21);
                uint8_t *d = p + 2 + 24 * slot;
                d[0] = t[i].subcommand;
                d[1] = t[i].status;
                d[2] = (uint8_t)t[i].hour;
                d[3] = (uint8_t)(t[i].hour >> 8);
                d[4] = 0; /* checkpoint */
                for (unsigned k = 0; k < 4; k++)
                        d[5 + k] = (uint8_t)(t[i].lba >> (8 * k));
        }
        p[508] = n ? (uint8_t)(slot + 1) : 0; /* 1-based index of the newest descriptor */
        lb_checksum(p);
}

/* Log 07h, one page: version 1, the 16-bit index of the newest descriptor, 19 descriptors of 26
 * bytes from offset 4 with a 48-bit failing LBA. */
static inline void lb_xselftest(uint8_t *p, const struct lb_test *t, size_t n)
{
        memset(p, 0, LB_PAGE);
        p[0] = 0x01;
        for (size_t i = 0; i < n && i < 19; i++) {
                uint8_t *d = p + 4 + 26 * i;
                d[0] = t[i].subcommand;
                d[1] = t[i].status;
                d[2] = (uint8_t)t[i].hour;
                d[3] = (uint8_t)(t[i].hour >> 8);
                for (unsigned k = 0; k < 6; k++)
                        d[5 + k] = (uint8_t)(t[i].lba >> (8 * k));
        }
        size_t newest = n > 19 ? 19 : n;
        p[2] = (uint8_t)newest;
        p[3] = (uint8_t)(newest >> 8);
        lb_checksum(p);
}

/* Log 01h: version 1, the pointer to the newest of the 5 kept entries (each 90 bytes from offset
 * 2: five command blocks of 12 bytes, then the 30-byte error block), the device error count. */
static inline void lb_errlog(uint8_t *p, uint16_t count)
{
        memset(p, 0, LB_PAGE);
        p[0] = 0x01;
        unsigned kept = count > 5 ? 5 : count;
        p[1] = (uint8_t)(kept ? (count - 1) % 5 + 1 : 0);
        for (unsigned e = 0; e < kept; e++) {
                uint8_t *err = p + 2 + 90 * e + 60;
                err[1] = 0x40;  /* error register: UNC */
                err[7] = 0x51;  /* status: DRDY, DSC, ERR */
                err[27] = 0x01; /* state: active or idle */
        }
        p[452] = (uint8_t)count;
        p[453] = (uint8_t)(count >> 8);
        lb_checksum(p);
}

/* Log 03h, first page: version 1, the 16-bit index of the newest of 4 entries of 124 bytes,
 * the device error count at 500..501. */
static inline void lb_xerrlog(uint8_t *p, uint16_t count)
{
        memset(p, 0, LB_PAGE);
        p[0] = 0x01;
        unsigned kept = count > 4 ? 4 : count;
        p[2] = (uint8_t)(kept ? (count - 1) % 4 + 1 : 0);
        for (unsigned e = 0; e < kept; e++) {
                uint8_t *err = p + 4 + 124 * e + 90;
                err[1] = 0x40;
                err[11] = 0x51;
        }
        p[500] = (uint8_t)count;
        p[501] = (uint8_t)(count >> 8);
        lb_checksum(p);
}

/* SCT status response, format version 3; temperatures 80h mean "not valid". */
static inline void lb_sct_status(uint8_t *p, int8_t cur, int8_t cmin, int8_t cmax, int8_t lmin,
                                 int8_t lmax)
{
        memset(p, 0, LB_PAGE);
        p[0] = 3;    /* format version */
        p[4] = 1;    /* SCT version supported */
        p[6] = 0x01; /* status flags: segment initialized */
        p[200] = (uint8_t)cur;
        p[201] = (uint8_t)cmin;
        p[202] = (uint8_t)cmax;
        p[203] = (uint8_t)lmin;
        p[204] = (uint8_t)lmax;
}

#endif
