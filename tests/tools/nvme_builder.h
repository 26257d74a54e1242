/* Test NVMe disks built from the NVMe base specification: a SMART / Health Information log page
 * (log identifier 02h, 512 bytes) and Identify Controller data (CNS 01h, 4096 bytes) laid out byte
 * by byte as a controller returns them (little-endian, ASCII fields padded with spaces). Header
 * only: tests/tools/mknvme, the unit tests and the bench share it. */
#ifndef SRVH_TEST_NVME_BUILDER_H
#define SRVH_TEST_NVME_BUILDER_H

#include <stdint.h>
#include <string.h>

#define NB_LOG_LEN 512
#define NB_ID_LEN  4096

/* The ten 128-bit counters from byte 32 on, in page order. */
enum nb_counter {
        NB_UNITS_READ,
        NB_UNITS_WRITTEN,
        NB_HOST_READS,
        NB_HOST_WRITES,
        NB_BUSY_MINUTES,
        NB_POWER_CYCLES,
        NB_POWER_ON_HOURS,
        NB_UNSAFE_SHUTDOWNS,
        NB_MEDIA_ERRORS,
        NB_ERROR_LOG_ENTRIES,
        NB_COUNTERS
};

struct nb_disk {
        uint8_t critical_warning;
        uint16_t temperature_k;
        uint8_t available_spare, spare_threshold, percentage_used;
        uint64_t counter[NB_COUNTERS];    /* low 64 bits */
        uint64_t counter_hi[NB_COUNTERS]; /* high 64 bits */
        uint32_t warning_temp_minutes, critical_temp_minutes;
        const char *serial, *model, *firmware;
        uint64_t tnvmcap; /* total NVM capacity, bytes (low 64 bits); 0 = not reported */
};

/* A healthy 1 TB drive, two years in service. */
static inline void nb_healthy(struct nb_disk *d)
{
        memset(d, 0, sizeof(*d));
        d->temperature_k = 310; /* 36.85 C */
        d->available_spare = 100;
        d->spare_threshold = 10;
        d->percentage_used = 3;
        d->counter[NB_UNITS_READ] = 12345678;
        d->counter[NB_UNITS_WRITTEN] = 23456789;
        d->counter[NB_HOST_READS] = 987654321;
        d->counter[NB_HOST_WRITES] = 876543210;
        d->counter[NB_BUSY_MINUTES] = 4321;
        d->counter[NB_POWER_CYCLES] = 211;
        d->counter[NB_POWER_ON_HOURS] = 17520;
        d->counter[NB_UNSAFE_SHUTDOWNS] = 17;
        d->counter[NB_ERROR_LOG_ENTRIES] = 1024;
        d->serial = "S6B0NL0T912345";
        d->model = "Samsung SSD 980 PRO 1TB";
        d->firmware = "5B2QGXA7";
        d->tnvmcap = 1000204886016ull;
}

static inline void nb_put_le(uint8_t *p, uint64_t v, unsigned n)
{
        for (unsigned i = 0; i < n; i++)
                p[i] = (uint8_t)(v >> (8 * i));
}

static inline void nb_put_ascii(uint8_t *p, const char *s, unsigned n)
{
        size_t len = s ? strlen(s) : 0;
        for (unsigned i = 0; i < n; i++)
                p[i] = i < len ? (uint8_t)s[i] : ' ';
}

static inline void nb_log_page(const struct nb_disk *d, uint8_t page[NB_LOG_LEN])
{
        memset(page, 0, NB_LOG_LEN);
        page[0] = d->critical_warning;
        nb_put_le(page + 1, d->temperature_k, 2);
        page[3] = d->available_spare;
        page[4] = d->spare_threshold;
        page[5] = d->percentage_used;
        for (unsigned c = 0; c < NB_COUNTERS; c++) {
                nb_put_le(page + 32 + 16 * c, d->counter[c], 8);
                nb_put_le(page + 32 + 16 * c + 8, d->counter_hi[c], 8);
        }
        nb_put_le(page + 192, d->warning_temp_minutes, 4);
        nb_put_le(page + 196, d->critical_temp_minutes, 4);
        nb_put_le(page + 200, d->temperature_k, 2); /* temperature sensor 1 */
}

static inline void nb_identify_page(const struct nb_disk *d, uint8_t page[NB_ID_LEN])
{
        memset(page, 0, NB_ID_LEN);
        nb_put_le(page + 0, 0x144d, 2); /* PCI vendor id */
        nb_put_le(page + 2, 0x144d, 2); /* subsystem vendor id */
        nb_put_ascii(page + 4, d->serial, 20);
        nb_put_ascii(page + 24, d->model, 40);
        nb_put_ascii(page + 64, d->firmware, 8);
        nb_put_le(page + 80, 0x00010400, 4);  /* VER: NVMe 1.4 */
        nb_put_le(page + 266, 355, 2);        /* WCTEMP, kelvins */
        nb_put_le(page + 268, 358, 2);        /* CCTEMP */
        nb_put_le(page + 280, d->tnvmcap, 8); /* TNVMCAP, low half */
}

#endif
