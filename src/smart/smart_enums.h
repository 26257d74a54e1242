/* The smart module's enumerations in SRVHEALTH-MIB (srvhDiskPowerState, srvhDiskVerdict,
 * srvhDiskReadStatus, srvhDiskAttrPrettyUnit). The numeric values are the MIB's: never renumber,
 * only append; tests/mib/test_mib_oids.sh checks them. Names (smart_enums.c) are the labels. */
#ifndef SRVH_SMART_ENUMS_H
#define SRVH_SMART_ENUMS_H

/* srvhDiskPowerState */
enum smart_power {
        SMART_POWER_ACTIVE = 1,
        SMART_POWER_IDLE = 2,
        SMART_POWER_STANDBY = 3,
        SMART_POWER_SLEEP = 4,
        SMART_POWER_UNKNOWN = 5,
        SMART_POWER_MAX_
};

/* srvhDiskVerdict: libatasmart's SkSmartOverall plus one, worse as it grows */
enum smart_verdict {
        SMART_VERDICT_GOOD = 1,
        SMART_VERDICT_BAD_ATTRIBUTE_IN_THE_PAST = 2,
        SMART_VERDICT_BAD_SECTOR = 3,
        SMART_VERDICT_BAD_ATTRIBUTE_NOW = 4,
        SMART_VERDICT_BAD_SECTOR_MANY = 5,
        SMART_VERDICT_BAD_STATUS = 6,
        SMART_VERDICT_MAX_
};

/* srvhDiskReadStatus */
enum smart_read_status {
        SMART_READ_OK = 1,
        SMART_READ_FAILED = 2,
        SMART_READ_NO_PERMISSION = 3,
        SMART_READ_ASLEEP = 4,
        SMART_READ_TIMED_OUT = 5,
        SMART_READ_UNAVAILABLE = 6,
        SMART_READ_MAX_
};

/* srvhDiskAttrPrettyUnit: libatasmart's SkSmartAttributeUnit plus one */
enum smart_unit {
        SMART_UNIT_UNKNOWN = 1,
        SMART_UNIT_NONE = 2,
        SMART_UNIT_MSECONDS = 3,
        SMART_UNIT_SECTORS = 4,
        SMART_UNIT_MKELVIN = 5,
        SMART_UNIT_SMALL_PERCENT = 6,
        SMART_UNIT_PERCENT = 7,
        SMART_UNIT_MB = 8,
        SMART_UNIT_MAX_
};

/* srvhDiskTransport: how the disk is read */
enum smart_transport {
        SMART_TRANSPORT_ATA = 1,   /* ATA commands (SG_IO pass-through, libatasmart blobs) */
        SMART_TRANSPORT_NVME = 2,  /* NVMe admin commands, recorded NVMe pages */
        SMART_TRANSPORT_OTHER = 3, /* neither answers (virtio, SCSI without ATA pass-through) */
        SMART_TRANSPORT_MAX_
};

const char *smart_power_name(enum smart_power p);
const char *smart_verdict_name(enum smart_verdict v);
const char *smart_read_status_name(enum smart_read_status s);
const char *smart_unit_name(enum smart_unit u);
const char *smart_transport_name(enum smart_transport t);

#endif
