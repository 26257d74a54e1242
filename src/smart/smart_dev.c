/* Reads one ATA disk through the kernel's SG_IO with ATA PASS-THROUGH (16): CHECK POWER MODE
 * first (the standby policy), then IDENTIFY DEVICE, SMART RETURN STATUS, READ DATA and READ
 * THRESHOLDS, handed to libatasmart as a blob (smart_read_blob), and the self-test, error and
 * SCT logs (smart_deep_decode), for srvhDiskTable rows. */
#include <errno.h>
#include <fcntl.h>
#include <scsi/sg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "smart/smart_read.h"
#include "smart/smart_sat.h"

/* Sense buffer: descriptor sense with an ATA Status Return descriptor needs 22 bytes. */
#define SMART_SENSE_MAX 32

/* SMART subcommands (the feature register of ATA command B0h). */
#define SMART_READ_DATA       0xd0
#define SMART_READ_THRESHOLDS 0xd1
#define SMART_RETURN_STATUS   0xda
#define SMART_READ_LOG        0xd5
#define SMART_WRITE_LOG       0xd6

struct dev {
        int fd;
        const char *path;
        const struct smart_dev_opts *o;
};

/* One command: one sector in (or out, to_device) through page, or non-data when page is NULL.
 * The ioctl's timeout is what is left of the disk's deadline, so one command cannot outlive it. */
static enum smart_sat_outcome run_io(struct dev *d, const struct smart_ata_regs *regs,
                                     uint8_t *page, bool to_device, struct smart_ata_result *ret,
                                     bool *has_regs)
{
        uint8_t cdb[SMART_SAT_CDB_LEN], sense[SMART_SENSE_MAX] = {0};
        int64_t left = d->o->deadline_ms - d->o->now_ms();

        *has_regs = false;
        if (left <= 0)
                return SMART_SAT_TIMED_OUT;
        smart_sat_cdb(regs,
                      !page       ? SMART_SAT_NON_DATA
                      : to_device ? SMART_SAT_PIO_OUT
                                  : SMART_SAT_PIO_IN,
                      cdb);
        struct sg_io_hdr h = {
            .interface_id = 'S',
            .cmd_len = sizeof(cdb),
            .cmdp = cdb,
            .dxfer_direction = !page       ? SG_DXFER_NONE
                               : to_device ? SG_DXFER_TO_DEV
                                           : SG_DXFER_FROM_DEV,
            .dxferp = page,
            .dxfer_len = page ? SMART_BLOB_PAGE : 0,
            .sbp = sense,
            .mx_sb_len = sizeof(sense),
            .timeout = left > 60000 ? 60000u : (unsigned)left,
        };
        if (page && !to_device)
                memset(page, 0, SMART_BLOB_PAGE);
        int r = ioctl(d->fd, SG_IO, &h);
        struct smart_sg_reply rep = {
            .ioctl_errno = r < 0 ? errno : 0,
            .status = h.status,
            .host_status = h.host_status,
            .driver_status = h.driver_status,
            .sense = sense,
            .sense_len = h.sb_len_wr > sizeof(sense) ? sizeof(sense) : h.sb_len_wr,
        };
        return smart_sat_outcome(&rep, ret, has_regs);
}

static enum smart_sat_outcome run(struct dev *d, const struct smart_ata_regs *regs, uint8_t *page,
                                  struct smart_ata_result *ret, bool *has_regs)
{
        return run_io(d, regs, page, false, ret, has_regs);
}

static const char *outcome_text(enum smart_sat_outcome o)
{
        switch (o) {
        case SMART_SAT_OK:
                return "ok";
        case SMART_SAT_NO_PERMISSION:
                return "no permission for SG_IO (needs CAP_SYS_RAWIO)";
        case SMART_SAT_NO_SGIO:
                return "the device takes no SG_IO (not a SCSI or ATA disk)";
        case SMART_SAT_NOT_ATA:
                return "the device refuses ATA PASS-THROUGH (not an ATA disk)";
        case SMART_SAT_TIMED_OUT:
                return "timed out";
        case SMART_SAT_ATA_ERROR:
                return "aborted by the drive";
        default:
                return "I/O error";
        }
}

/* r's status for a command that did not succeed. */
static int give_up(struct smart_reading *r, enum smart_sat_outcome o, const char *what,
                   const char *path)
{
        switch (o) {
        case SMART_SAT_NO_PERMISSION:
                r->status = SMART_READ_NO_PERMISSION;
                break;
        case SMART_SAT_NO_SGIO:
        case SMART_SAT_NOT_ATA:
                r->status = SMART_READ_UNAVAILABLE;
                break;
        case SMART_SAT_TIMED_OUT:
                r->status = SMART_READ_TIMED_OUT;
                break;
        default:
                r->status = SMART_READ_FAILED;
        }
        snprintf(r->error, sizeof(r->error), "%.60s: %s: %s", path, what, outcome_text(o));
        return r->status == SMART_READ_UNAVAILABLE ? 0 : -EIO;
}

static int open_device(const char *path, struct smart_reading *r)
{
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        if (fd < 0) {
                int e = errno;
                r->status =
                    (e == EACCES || e == EPERM) ? SMART_READ_NO_PERMISSION : SMART_READ_FAILED;
                snprintf(r->error, sizeof(r->error), "cannot open %.60s: %s", path, strerror(e));
                return -e;
        }
        struct stat st;
        if (fstat(fd, &st) < 0 || !(S_ISBLK(st.st_mode) || S_ISCHR(st.st_mode))) {
                close(fd);
                r->status = SMART_READ_FAILED;
                snprintf(r->error, sizeof(r->error), "%.60s is not a device node", path);
                return -ENODEV;
        }
        return fd;
}

/* The log pages of srvhDiskEntry 50..68 (smart_logs.h), each read only where IDENTIFY word 84 or
 * 206 says the drive keeps it; a log the drive refuses is left out. SCT ERC is read with SMART
 * WRITE LOG of the "return current" command: it asks, it changes no setting. */
struct dev_logs {
        uint8_t selftest[SMART_LOG_PAGE], xselftest[SMART_LOG_PAGE], errlog[SMART_LOG_PAGE];
        uint8_t xerrlog[SMART_LOG_PAGE], sct[SMART_LOG_PAGE], cmd[SMART_LOG_PAGE];
};

static bool read_log(struct dev *d, const struct smart_ata_regs *regs, uint8_t *page)
{
        struct smart_ata_result res;
        bool has_regs;
        return run(d, regs, page, &res, &has_regs) == SMART_SAT_OK;
}

static void keep(const uint8_t **page, size_t *len, const uint8_t *buf)
{
        *page = buf;
        *len = SMART_LOG_PAGE;
}

static void read_logs(struct dev *d, const uint8_t *identify, struct dev_logs *b,
                      struct smart_log_pages *pg)
{
        uint16_t w84 = (uint16_t)(identify[168] | identify[169] << 8);
        bool valid = (w84 & 0xc000) == 0x4000;
        struct smart_sct_caps caps;
        struct smart_ata_regs regs;

        smart_sct_caps(identify, SMART_LOG_PAGE, &caps);
        if (valid && (w84 & 0x0002)) { /* SMART self-test */
                smart_ata_smart_log(&regs, SMART_READ_LOG, 0x06);
                if (read_log(d, &regs, b->selftest))
                        keep(&pg->selftest, &pg->selftest_len, b->selftest);
        }
        if (valid && (w84 & 0x0001)) { /* SMART error logging */
                smart_ata_smart_log(&regs, SMART_READ_LOG, 0x01);
                if (read_log(d, &regs, b->errlog))
                        keep(&pg->errlog, &pg->errlog_len, b->errlog);
        }
        if (valid && (w84 & 0x0020)) { /* General Purpose Logging: the extended logs */
                smart_ata_read_log_ext(&regs, 0x07);
                if (read_log(d, &regs, b->xselftest))
                        keep(&pg->xselftest, &pg->xselftest_len, b->xselftest);
                smart_ata_read_log_ext(&regs, 0x03);
                if (read_log(d, &regs, b->xerrlog))
                        keep(&pg->xerrlog, &pg->xerrlog_len, b->xerrlog);
        }
        if (caps.sct) {
                smart_ata_smart_log(&regs, SMART_READ_LOG, 0xe0);
                if (read_log(d, &regs, b->sct))
                        keep(&pg->sct_status, &pg->sct_status_len, b->sct);
        }
        if (caps.erc) {
                struct smart_ata_result res[2];
                bool has[2] = {false, false};
                for (unsigned sel = 1; sel <= 2; sel++) {
                        smart_sct_erc_command(b->cmd, sel);
                        smart_ata_smart_log(&regs, SMART_WRITE_LOG, 0xe0);
                        if (run_io(d, &regs, b->cmd, true, &res[sel - 1], &has[sel - 1]) !=
                            SMART_SAT_OK)
                                has[sel - 1] = false;
                        /* registers that come back as sent (count 1, LBA low E0h) are a
                         * bridge that does not return them, not a limit of 5734.5 s */
                        if (has[sel - 1] && res[sel - 1].count == regs.count &&
                            res[sel - 1].lba_low == regs.lba_low)
                                has[sel - 1] = false;
                }
                if (has[0] && has[1]) {
                        pg->has_erc = true;
                        pg->erc_read_ds = smart_sat_erc_limit(&res[0]);
                        pg->erc_write_ds = smart_sat_erc_limit(&res[1]);
                }
        }
}

/* After the power check: the pages, then libatasmart. */
static int read_pages(struct dev *d, struct smart_reading *r)
{
        uint8_t identify[SMART_BLOB_PAGE], data[SMART_BLOB_PAGE], thr[SMART_BLOB_PAGE];
        uint8_t blob[SMART_BLOB_FULL_MAX];
        struct smart_ata_regs regs;
        struct smart_ata_result res;
        bool has_regs, have_thr = false;
        int status = -1;
        enum smart_sat_outcome o;

        smart_ata_identify(&regs);
        o = run(d, &regs, identify, &res, &has_regs);
        if (o != SMART_SAT_OK)
                return give_up(r, o, "IDENTIFY DEVICE", d->path);
        struct smart_identify id;
        if (smart_identify_decode(identify, sizeof(identify), &id) < 0)
                return give_up(r, SMART_SAT_FAILED, "IDENTIFY DEVICE", d->path);
        const uint8_t *data_page = NULL;
        if (id.smart_supported && id.smart_enabled) {
                smart_ata_smart(&regs, SMART_RETURN_STATUS);
                o = run(d, &regs, NULL, &res, &has_regs);
                if (o == SMART_SAT_OK && has_regs) {
                        int k = smart_sat_smart_status(&res);
                        status = k < 0 ? -1 : k;
                } else if (o == SMART_SAT_NO_PERMISSION || o == SMART_SAT_TIMED_OUT) {
                        return give_up(r, o, "SMART RETURN STATUS", d->path);
                }
                smart_ata_smart(&regs, SMART_READ_DATA);
                o = run(d, &regs, data, &res, &has_regs);
                if (o != SMART_SAT_OK)
                        return give_up(r, o, "SMART READ DATA", d->path);
                data_page = data;
                smart_ata_smart(&regs, SMART_READ_THRESHOLDS);
                o = run(d, &regs, thr, &res, &has_regs);
                if (o == SMART_SAT_NO_PERMISSION || o == SMART_SAT_TIMED_OUT)
                        return give_up(r, o, "SMART READ THRESHOLDS", d->path);
                have_thr = o == SMART_SAT_OK; /* without them: values, no threshold cells */
        }
        size_t n = smart_blob_write(blob, identify, status, data_page, have_thr ? thr : NULL);
        struct dev_logs logs;
        struct smart_log_pages pg = {.identify = identify, .identify_len = sizeof(identify)};
        if (data_page)
                read_logs(d, identify, &logs, &pg);
        int ret = smart_read_blob(blob, n, r);
        if (r->status == SMART_READ_OK)
                smart_deep_decode(&pg, r->has_power_on, r->power_on_hours, &r->deep);
        return ret;
}

int smart_read_device(const char *path, const struct smart_dev_opts *o, struct smart_reading *r)
{
        struct smart_ata_regs regs;
        struct smart_ata_result res;
        bool has_regs;
        enum smart_power power = SMART_POWER_UNKNOWN;

        memset(r, 0, sizeof(*r));
        r->power = SMART_POWER_UNKNOWN;
        int fd = open_device(path, r);
        if (fd < 0)
                return fd;
        struct dev d = {.fd = fd, .path = path, .o = o};

        smart_ata_check_power(&regs);
        enum smart_sat_outcome k = run(&d, &regs, NULL, &res, &has_regs);
        if (k == SMART_SAT_OK && has_regs)
                power = (enum smart_power)smart_sat_power_mode(&res);
        else if (k == SMART_SAT_ATA_ERROR || k == SMART_SAT_FAILED)
                power = SMART_POWER_SLEEP; /* as smartd: a drive in SLEEP answers nothing */
        else if (k != SMART_SAT_OK) {
                int ret = give_up(r, k, "CHECK POWER MODE", path);
                close(fd);
                return ret;
        }
        if (smart_standby_skip(o->standby, power)) {
                close(fd);
                r->status = SMART_READ_ASLEEP;
                r->power = power;
                snprintf(r->error, sizeof(r->error), "%.60s is in %s: left alone (smartStandby)",
                         path, smart_power_name(power));
                return 0;
        }
        int ret = read_pages(&d, r);
        close(fd);
        r->power = power;
        return ret;
}
