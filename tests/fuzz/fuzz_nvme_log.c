/* libFuzzer target for the NVMe health path (src/smart/nvme_log.c, nvme_model.c): any bytes as
 * a health log page (the first 512) and, past them, Identify Controller data, decoded, put into a
 * reading, built into srvhDiskTable rows after a healthy build and diffed against it, every NVMe
 * cell read. Decoding must never read past the input, saturated counters must read UINT64_MAX,
 * health must be ok, warning or critical, strings printable and terminated; the bytes as a node
 * name must give a controller name that is a prefix of it or nothing. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smart/nvme_log.h"
#include "smart/smart_model.h"
#include "srvhealth/oids.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_string(const char *s, size_t cap)
{
        size_t n = strnlen(s, cap);
        if (n == cap)
                abort();
        for (size_t i = 0; i < n; i++)
                if (s[i] < 0x20 || s[i] > 0x7e)
                        abort();
}

static struct smart_data *build_one(const struct nvme_health *h, const struct nvme_identity *id,
                                    const struct smart_data *prev)
{
        struct smart_input in = {.name = "nvme0n1", .read_at = 1};
        struct smart_build_cfg cfg = {
            .temp_high_c = 55, .temp_hysteresis_c = 5, .nvme_wear_high = 80};
        struct smart_data *d = NULL;
        in.reading.power = SMART_POWER_UNKNOWN;
        nvme_reading_fill(&in.reading, h, id);
        if (smart_build(&in, 1, prev, &cfg, &d) < 0)
                return NULL;
        return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct nvme_health h,
            healthy = {.temperature_k = 300, .available_spare = 100, .spare_threshold = 10};
        struct nvme_identity id;
        bool have_id = false;
        char ctrl[16], name[64];

        size_t n = size < sizeof(name) - 1 ? size : sizeof(name) - 1;
        memcpy(name, data, n);
        name[n] = '\0';
        if (nvme_controller_name(name, ctrl, sizeof(ctrl)) == 0 &&
            (strncmp(ctrl, "nvme", 4) != 0 || !strstr(name, ctrl)))
                abort();

        if (nvme_health_decode(data, size, &h) != 0) {
                if (size >= NVME_HEALTH_LOG_LEN)
                        abort();
                return 0;
        }
        for (unsigned c = 0; c < NVME_C_MAX_; c++)
                if ((h.saturated & (1u << c)) && h.counter[c] != UINT64_MAX)
                        abort();
        if (size >= NVME_HEALTH_LOG_LEN + NVME_IDENTIFY_LEN &&
            nvme_identify_decode(data + NVME_HEALTH_LOG_LEN, size - NVME_HEALTH_LOG_LEN, &id) ==
                0) {
                have_id = true;
                check_string(id.serial, sizeof(id.serial));
                check_string(id.model, sizeof(id.model));
                check_string(id.firmware, sizeof(id.firmware));
        }
        char names[128];
        nvme_warning_names(h.critical_warning, names, sizeof(names));
        check_string(names, sizeof(names));

        struct smart_data *old = build_one(&healthy, NULL, NULL);
        struct smart_data *now = old ? build_one(&h, have_id ? &id : NULL, old) : NULL;
        if (now) {
                const struct smart_disk *d = &now->disks[0];
                if (d->health < SRVH_HEALTH_OK || d->health > SRVH_HEALTH_CRITICAL)
                        abort();
                static const unsigned cols[] = {SRVH_DK_NVME_COLUMNS};
                for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
                        struct mib_value v;
                        if (nvme_get_disk(d, cols[i], &v) != 0)
                                abort(); /* every NVMe cell exists for a disk with a page */
                }
                struct event_list ev = {0};
                if (smart_diff(old, now, &ev) == 0 && smart_diff(NULL, now, &ev) < 0)
                        abort();
                for (size_t i = 0; i < ev.n; i++)
                        if (ev.v[i].trap < SRVH_TRAP_DISK_VERDICT_WORSE ||
                            ev.v[i].trap > SRVH_TRAP_NVME_MEDIA_ERRORS)
                                abort();
                event_list_free(&ev);
        }
        smart_data_free(now);
        smart_data_free(old);
        return 0;
}
