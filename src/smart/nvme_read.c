/* Reads NVMe health for srvhDiskTable rows: Identify Controller and the SMART / Health
 * Information log page (02h) through the kernel's admin passthrough (NVME_IOCTL_ADMIN_CMD of
 * <linux/nvme_ioctl.h>), the controller's hwmon temperature, and recorded pages (nvmeLog). The
 * pages are decoded by nvme_log.c and put into the reading by nvme_model.c. */
#include "smart/nvme_read.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/fs.h>
#include <linux/nvme_ioctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "core/sysroot.h"
#include "smart/smart_model.h"

#define NVME_ADMIN_GET_LOG_PAGE 0x02
#define NVME_ADMIN_IDENTIFY     0x06
#define NVME_CNS_CONTROLLER     0x01
#define NVME_LOG_HEALTH         0x02
#define NVME_NSID_ALL           0xffffffffu
/* Get Log Page CDW10 bit 15, Retain Asynchronous Event: reading the page leaves a pending
 * health event for whoever else waits for it (a monitor must not change the drive's state).
 * Controllers older than NVMe 1.3 may refuse the bit; the read is then repeated without it. */
#define NVME_LOG_RAE              (1u << 15)
#define NVME_SC_INVALID_FIELD     0x002 /* generic status: Invalid Field in Command */
#define NVME_STATUS_CODE(s)       ((unsigned)(s)&0x7ff) /* type and code, no DNR/More */
#define NVME_ADMIN_TIMEOUT_MAX_MS 60000u

bool nvme_node_controller(const char *path, char *ctrl, size_t ctrlsz)
{
        char real[PATH_MAX];
        const char *p = realpath(path, real) ? real : path;
        return nvme_controller_name(p, ctrl, ctrlsz) == 0;
}

/* One admin command reading len bytes into buf. 0, the NVMe status (> 0), or -errno;
 * -ETIMEDOUT when no time is left. */
static int admin_read(int fd, const struct smart_dev_opts *o, uint8_t opcode, uint32_t nsid,
                      uint32_t cdw10, void *buf, uint32_t len)
{
        int64_t left = o->deadline_ms - o->now_ms();
        if (left <= 0)
                return -ETIMEDOUT;
        struct nvme_passthru_cmd c = {
            .opcode = opcode,
            .nsid = nsid,
            .addr = (uint64_t)(uintptr_t)buf,
            .data_len = len,
            .cdw10 = cdw10,
            .timeout_ms =
                left > NVME_ADMIN_TIMEOUT_MAX_MS ? NVME_ADMIN_TIMEOUT_MAX_MS : (uint32_t)left,
        };
        memset(buf, 0, len);
        int r = ioctl(fd, NVME_IOCTL_ADMIN_CMD, &c);
        if (r < 0)
                return o->now_ms() >= o->deadline_ms ? -ETIMEDOUT : -errno;
        return r;
}

/* r's status and error for a command that did not succeed; 0 for unavailable, else -EIO. */
static int give_up(struct smart_reading *r, int k, const char *what, const char *path)
{
        const char *why;
        char status[48];

        if (k > 0) {
                r->status = SMART_READ_FAILED;
                snprintf(status, sizeof(status), "the controller answered status 0x%03x",
                         NVME_STATUS_CODE(k));
                why = status;
        } else if (k == -EACCES || k == -EPERM) {
                r->status = SMART_READ_NO_PERMISSION;
                why = "no permission for the NVMe admin passthrough (needs CAP_SYS_ADMIN)";
        } else if (k == -ENOTTY || k == -EINVAL) {
                r->status = SMART_READ_UNAVAILABLE;
                why = "the device takes no NVMe admin commands";
        } else if (k == -ETIMEDOUT) {
                r->status = SMART_READ_TIMED_OUT;
                why = "timed out";
        } else {
                r->status = SMART_READ_FAILED;
                why = strerror(-k);
        }
        struct strbuf sb; /* cut rather than fail when a long path leaves no room */
        strbuf_init(&sb, r->error, sizeof(r->error));
        strbuf_appendf(&sb, "%.48s: %s: %s", path, what, why);
        return r->status == SMART_READ_UNAVAILABLE ? 0 : -EIO;
}

/* The composite temperature (temp1_input, millidegrees) of the controller's hwmon device. The
 * kernel reads the log page itself for it, with its own privileges, so it needs none here. */
static bool hwmon_temperature(const char *sysroot, const char *ctrl, int32_t *ret_dc)
{
        char rel[128], dir[4096];
        bool found = false;
        struct dirent *e;

        snprintf(rel, sizeof(rel), "/sys/class/nvme/%s", ctrl);
        if (sysroot_path(sysroot, rel, dir, sizeof(dir)) < 0)
                return false;
        DIR *d = opendir(dir);
        if (!d)
                return false;
        while (!found && (e = readdir(d)) != NULL) {
                char path[256], *buf = NULL, *end;
                size_t len;
                if (strncmp(e->d_name, "hwmon", 5) != 0 || strlen(e->d_name) > 32)
                        continue;
                snprintf(path, sizeof(path), "%s/%.32s/temp1_input", rel, e->d_name);
                if (sysroot_read(sysroot, path, &buf, &len) < 0)
                        continue;
                errno = 0;
                long v = strtol(buf, &end, 10);
                if (!errno && end != buf && (*end == '\n' || *end == '\0') && v > -273150 &&
                    v < 1000000) {
                        *ret_dc = (int32_t)(v / 100);
                        found = true;
                }
                free(buf);
        }
        closedir(d);
        return found;
}

static int read_node(int fd, const char *path, const struct smart_dev_opts *o,
                     struct smart_reading *r)
{
        uint8_t id_page[NVME_IDENTIFY_LEN] __attribute__((aligned(4096)));
        uint8_t log[NVME_HEALTH_LOG_LEN] __attribute__((aligned(64)));
        struct nvme_identity id;
        struct nvme_health h;
        char id_error[SMART_TEXT_MAX] = "";

        int k = admin_read(fd, o, NVME_ADMIN_IDENTIFY, 0, NVME_CNS_CONTROLLER, id_page,
                           sizeof(id_page));
        bool have_id = k == 0 && nvme_identify_decode(id_page, sizeof(id_page), &id) == 0;
        if (k < 0 && k != -EACCES && k != -EPERM) /* a kernel that allows Identify alone */
                return give_up(r, k, "Identify Controller", path);
        if (k == 0 && !have_id)
                snprintf(id_error, sizeof(id_error), "%.60s: Identify Controller: no serial number",
                         path);
        else if (k > 0)
                snprintf(id_error, sizeof(id_error), "%.60s: Identify Controller: status 0x%03x",
                         path, NVME_STATUS_CODE(k));

        uint32_t numdl = NVME_HEALTH_LOG_LEN / 4 - 1; /* dwords, zero-based */
        uint32_t cdw10 = NVME_LOG_HEALTH | numdl << 16;
        k = admin_read(fd, o, NVME_ADMIN_GET_LOG_PAGE, NVME_NSID_ALL, cdw10 | NVME_LOG_RAE, log,
                       sizeof(log));
        if (k > 0 && NVME_STATUS_CODE(k) == NVME_SC_INVALID_FIELD)
                k = admin_read(fd, o, NVME_ADMIN_GET_LOG_PAGE, NVME_NSID_ALL, cdw10, log,
                               sizeof(log));
        if (k != 0)
                return give_up(r, k, "health log 02h", path);
        if (nvme_health_decode(log, sizeof(log), &h) < 0)
                return give_up(r, -EIO, "health log 02h", path);
        nvme_reading_fill(r, &h, have_id ? &id : NULL);
        snprintf(r->error, sizeof(r->error), "%s", id_error);

        struct stat st;
        uint64_t size;
        if (fstat(fd, &st) == 0 && S_ISBLK(st.st_mode) && ioctl(fd, BLKGETSIZE64, &size) == 0 &&
            size > 0) {
                r->has_capacity = true; /* the namespace itself, rather than the controller's */
                r->capacity_bytes = size;
        }
        return 0;
}

int nvme_read_device(const char *path, const char *sysroot, const struct smart_dev_opts *o,
                     struct smart_reading *r)
{
        char ctrl[32] = "";
        int ret;

        memset(r, 0, sizeof(*r));
        r->power = SMART_POWER_UNKNOWN;
        r->transport = SMART_TRANSPORT_NVME;
        (void)nvme_node_controller(path, ctrl, sizeof(ctrl));

        int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        struct stat st;
        if (fd < 0) {
                ret = give_up(r, -errno, "open", path);
        } else if (fstat(fd, &st) < 0 || !(S_ISBLK(st.st_mode) || S_ISCHR(st.st_mode))) {
                r->status = SMART_READ_FAILED;
                snprintf(r->error, sizeof(r->error), "%.60s is not a device node", path);
                ret = -ENODEV;
        } else {
                ret = read_node(fd, path, o, r);
        }
        if (fd >= 0)
                close(fd);
        if (r->status != SMART_READ_OK && ctrl[0] &&
            hwmon_temperature(sysroot, ctrl, &r->temperature_dc))
                r->has_temperature = true;
        r->power = SMART_POWER_UNKNOWN; /* NVMe power states are not ATA's: not reported */
        return ret;
}

/* Exactly want bytes of a regular file into buf. 0, -EMSGSIZE (other size, *got says which),
 * or -errno. */
static int read_page_file(const char *path, uint8_t *buf, size_t want, size_t *got)
{
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
        struct stat st;
        int r = 0;

        *got = 0;
        if (fd < 0)
                return -errno;
        if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
                close(fd);
                return -EINVAL;
        }
        if ((size_t)st.st_size != want) {
                *got = (size_t)st.st_size;
                close(fd);
                return -EMSGSIZE;
        }
        while (*got < want) {
                ssize_t n = read(fd, buf + *got, want - *got);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0) {
                        r = n < 0 ? -errno : -EMSGSIZE;
                        break;
                }
                *got += (size_t)n;
        }
        close(fd);
        return r;
}

static void page_error(char *out, size_t outsz, const char *path, int k, size_t got, size_t want,
                       const char *what)
{
        if (k == -EMSGSIZE)
                snprintf(out, outsz, "%.80s: %zu bytes, %s has %zu", path, got, what, want);
        else
                snprintf(out, outsz, "cannot read %.80s: %s", path,
                         k == -EINVAL ? "not a regular file" : strerror(-k));
}

int nvme_read_replay(const char *log_path, const char *identify_path, struct smart_reading *r)
{
        uint8_t log[NVME_HEALTH_LOG_LEN], id_page[NVME_IDENTIFY_LEN];
        struct nvme_health h;
        struct nvme_identity id;
        char id_error[SMART_TEXT_MAX] = "";
        bool have_id = false;
        size_t got;

        memset(r, 0, sizeof(*r));
        r->power = SMART_POWER_UNKNOWN;
        r->transport = SMART_TRANSPORT_NVME;
        int k = read_page_file(log_path, log, sizeof(log), &got);
        if (k == 0)
                k = nvme_health_decode(log, sizeof(log), &h);
        if (k < 0) {
                r->status = SMART_READ_FAILED;
                page_error(r->error, sizeof(r->error), log_path, k, got, sizeof(log),
                           "a health log page");
                return k;
        }
        if (identify_path && identify_path[0]) {
                k = read_page_file(identify_path, id_page, sizeof(id_page), &got);
                if (k == 0 && nvme_identify_decode(id_page, sizeof(id_page), &id) == 0)
                        have_id = true;
                else if (k == 0)
                        snprintf(id_error, sizeof(id_error), "%.80s: no serial number in it",
                                 identify_path);
                else
                        page_error(id_error, sizeof(id_error), identify_path, k, got,
                                   sizeof(id_page), "Identify Controller data");
        }
        nvme_reading_fill(r, &h, have_id ? &id : NULL);
        snprintf(r->error, sizeof(r->error), "%s", id_error);
        return 0;
}
