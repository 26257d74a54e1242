/* NVMe health for the smart module: pure decoders of the SMART / Health Information log page
 * (log identifier 02h, 512 bytes) and of the Identify Controller data (4096 bytes) of the NVMe
 * base specification, the health rule and the names of the critical warning bits. They feed the
 * NVMe columns of srvhDiskTable (smart_model.c) and the NVMe notifications (nvme_model.c). No I/O,
 * no logging, no globals. */
#ifndef SRVH_NVME_LOG_H
#define SRVH_NVME_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "srvhealth/enums.h"

#define NVME_HEALTH_LOG_LEN 512  /* log page 02h */
#define NVME_IDENTIFY_LEN   4096 /* Identify, CNS 01h (controller) */

/* Critical Warning (byte 0 of log page 02h): the bits the base specification defines. */
enum nvme_critical_warning {
        NVME_CW_SPARE = 1u << 0,         /* available spare fell below its threshold */
        NVME_CW_TEMPERATURE = 1u << 1,   /* a temperature is over or under its threshold */
        NVME_CW_RELIABILITY = 1u << 2,   /* reliability degraded (media or internal errors) */
        NVME_CW_READ_ONLY = 1u << 3,     /* media placed in read-only mode */
        NVME_CW_VOLATILE = 1u << 4,      /* volatile memory backup device failed */
        NVME_CW_PMR_READ_ONLY = 1u << 5, /* persistent memory region read-only or unreliable */
        NVME_CW_KNOWN = 0x3f,
};

/* The 128-bit counters of the page: each is kept exact when it fits 64 bits (a drive would have
 * to write 2^64 x 512000 bytes to overflow data units) and is saturated to UINT64_MAX otherwise,
 * with its bit set in saturated. */
enum nvme_counter {
        NVME_C_DATA_UNITS_READ,
        NVME_C_DATA_UNITS_WRITTEN,
        NVME_C_HOST_READS,
        NVME_C_HOST_WRITES,
        NVME_C_BUSY_MINUTES,
        NVME_C_POWER_CYCLES,
        NVME_C_POWER_ON_HOURS,
        NVME_C_UNSAFE_SHUTDOWNS,
        NVME_C_MEDIA_ERRORS,
        NVME_C_ERROR_LOG_ENTRIES,
        NVME_C_MAX_
};

/* What one health log page says. Plain values; the owner is whoever holds the struct. */
struct nvme_health {
        uint8_t critical_warning; /* as on the page, reserved bits 6-7 included */
        uint16_t temperature_k;   /* composite temperature in kelvins; 0: not reported */
        uint8_t available_spare;  /* percent of the spare capacity left, normally 0..100 */
        uint8_t spare_threshold;  /* percent under which NVME_CW_SPARE is set */
        uint8_t percentage_used;  /* vendor's life-used estimate, may exceed 100 (up to 255) */
        uint64_t counter[NVME_C_MAX_];
        uint32_t saturated; /* bit (1 << enum nvme_counter) when that counter exceeded 64 bits */
        uint32_t warning_temp_minutes, critical_temp_minutes;
};

/* Decode a SMART / Health Information log page. len must be at least NVME_HEALTH_LOG_LEN (only
 * the first 512 bytes are read); -EINVAL otherwise. Fields are little-endian. */
int nvme_health_decode(const uint8_t *page, size_t len, struct nvme_health *ret);

/* What Identify Controller gives the disk table. Strings are the page's ASCII fields with the
 * trailing space padding removed and anything outside printable ASCII replaced by '?'. */
struct nvme_identity {
        char serial[21];   /* SN, bytes 4-23 */
        char model[41];    /* MN, bytes 24-63 */
        char firmware[9];  /* FR, bytes 64-71 */
        bool has_capacity; /* TNVMCAP (bytes 280-295) is reported and fits 64 bits */
        uint64_t capacity_bytes;
};

/* Decode Identify Controller data: len at least NVME_IDENTIFY_LEN; -EINVAL otherwise, and also
 * when the serial number is empty (a page of zeros or spaces is no identity). */
int nvme_identify_decode(const uint8_t *page, size_t len, struct nvme_identity *ret);

/* Temperature in tenths of a degree Celsius from kelvins, as the kernel's hwmon converts it
 * (millidegrees = K x 1000 - 273150), so the log page and hwmon agree for the same reading. */
int32_t nvme_kelvin_to_tenths(uint16_t kelvin);

/* The MIB label of critical warning bit (0..5), or NULL for another bit. */
const char *nvme_warning_name(unsigned bit);

/* The names of the bits set in mask, comma separated ("availableSpare,readOnly"), or "none".
 * Always NUL-terminated; truncated when out is too small. */
void nvme_warning_names(uint8_t mask, char *out, size_t outsz);

/* The health of an NVMe disk from its page, and why it is not ok (appended to why):
 * critical when any of spare, reliability, read-only, volatile backup or persistent memory bit is
 * set, or the available spare is below its threshold; warning for the temperature bit, for
 * media and data integrity errors, and when wear_alarm (percentage used at or over
 * nvmeWearHigh); ok otherwise. */
enum srvh_health nvme_health_assess(const struct nvme_health *h, bool wear_alarm,
                                    struct strbuf *why);

/* Whether the page says the spare fell below its threshold (by the bit or by the values). */
bool nvme_spare_low(const struct nvme_health *h);

/* The kernel name of the NVMe controller behind a node or kernel name: "nvme0n1" -> "nvme0",
 * "nvme0" -> "nvme0", a path's last component counts ("/dev/nvme3n2" -> "nvme3"). 0 when name
 * is an NVMe controller or namespace node; -EINVAL otherwise (sda, nvme0n1p1, nvme0c1n1). */
int nvme_controller_name(const char *name, char *out, size_t outsz);

#endif
