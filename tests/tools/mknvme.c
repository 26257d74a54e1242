/* Writes a recorded NVMe disk for the integration tests and the bench: the SMART / Health
 * Information log page and, optionally, Identify Controller data of a test disk of
 * nvme_builder.h, as `nvme smart-log -b` and `nvme id-ctrl -b` would save them.
 * mknvme SCENARIO LOGFILE [IDFILE] [warning=N] [spare=N] [threshold=N] [used=N] [kelvin=N]
 *        [media=N] [unsafe=N] [read=N] [written=N] [read_hi=N] [serial=S]
 * Scenarios: healthy, spare-low (spare 5 % under a 10 % threshold, bit 0 set), worn (97 % used),
 * read-only (bits 2 and 3: reliability degraded, media read-only), short (a 100-byte log). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nvme_builder.h"

static int usage(void)
{
        fprintf(stderr, "usage: mknvme SCENARIO LOGFILE [IDFILE] [warning=N] [spare=N] "
                        "[threshold=N] [used=N] [kelvin=N] [media=N] [unsafe=N] [read=N] "
                        "[written=N] [read_hi=N] [serial=S]\n"
                        "scenarios: healthy spare-low worn read-only short\n");
        return 2;
}

static int write_file(const char *path, const uint8_t *buf, size_t n)
{
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(buf, 1, n, f) != n || fclose(f) != 0) {
                perror(path);
                return 1;
        }
        return 0;
}

/* "key=value" against key: the value, or NULL. */
static const char *opt(const char *arg, const char *key)
{
        size_t n = strlen(key);
        return !strncmp(arg, key, n) && arg[n] == '=' ? arg + n + 1 : NULL;
}

int main(int argc, char **argv)
{
        struct nb_disk d;
        uint8_t log[NB_LOG_LEN], id[NB_ID_LEN];
        const char *idfile = NULL, *v;
        size_t log_len = NB_LOG_LEN;

        if (argc < 3)
                return usage();
        nb_healthy(&d);
        if (!strcmp(argv[1], "spare-low")) {
                d.available_spare = 5;
                d.critical_warning = 0x01;
        } else if (!strcmp(argv[1], "worn")) {
                d.percentage_used = 97;
        } else if (!strcmp(argv[1], "read-only")) {
                d.critical_warning = 0x0c;
        } else if (!strcmp(argv[1], "short")) {
                log_len = 100;
        } else if (strcmp(argv[1], "healthy") != 0) {
                return usage();
        }
        for (int i = 3; i < argc; i++) {
                const char *a = argv[i];
                if (!strchr(a, '=') && !idfile && i == 3)
                        idfile = a;
                else if ((v = opt(a, "warning")))
                        d.critical_warning = (uint8_t)strtoul(v, NULL, 0);
                else if ((v = opt(a, "spare")))
                        d.available_spare = (uint8_t)strtoul(v, NULL, 0);
                else if ((v = opt(a, "threshold")))
                        d.spare_threshold = (uint8_t)strtoul(v, NULL, 0);
                else if ((v = opt(a, "used")))
                        d.percentage_used = (uint8_t)strtoul(v, NULL, 0);
                else if ((v = opt(a, "kelvin")))
                        d.temperature_k = (uint16_t)strtoul(v, NULL, 0);
                else if ((v = opt(a, "media")))
                        d.counter[NB_MEDIA_ERRORS] = strtoull(v, NULL, 0);
                else if ((v = opt(a, "unsafe")))
                        d.counter[NB_UNSAFE_SHUTDOWNS] = strtoull(v, NULL, 0);
                else if ((v = opt(a, "read")))
                        d.counter[NB_UNITS_READ] = strtoull(v, NULL, 0);
                else if ((v = opt(a, "written")))
                        d.counter[NB_UNITS_WRITTEN] = strtoull(v, NULL, 0);
                else if ((v = opt(a, "read_hi")))
                        d.counter_hi[NB_UNITS_READ] = strtoull(v, NULL, 0);
                else if ((v = opt(a, "serial")))
                        d.serial = v;
                else
                        return usage();
        }
        nb_log_page(&d, log);
        if (write_file(argv[2], log, log_len))
                return 1;
        if (idfile) {
                nb_identify_page(&d, id);
                if (write_file(idfile, id, sizeof(id)))
                        return 1;
        }
        return 0;
}
