/* Prints what the C side believes SRVHEALTH-MIB says, for tests/mib/test_mib_oids.sh to compare
 * with the MIB file: "NAME OID" for every node in srvhealth/oids.h, "OBJECT LABEL VALUE" for every
 * enum value in srvhealth/enums.h and the modules' enum headers. Headers only: it needs no library
 * code. */
#include <stddef.h>
#include <stdio.h>

#include "md/md_enums.h"
#include "smart/smart_enums.h"
#include "smart/smart_logs.h"
#include "zfs/zfs_enums.h"
#include "srvhealth/enums.h"
#include "srvhealth/oids.h"

static const unsigned root[] = {SRVH_ROOT_OID};
_Static_assert(sizeof(root) / sizeof(root[0]) == SRVH_ROOT_LEN, "SRVH_ROOT_LEN != SRVH_ROOT_OID");

static void print_oid(const char *name, const unsigned *sub, size_t n)
{
        printf("%s ", name);
        for (size_t i = 0; i < SRVH_ROOT_LEN; i++)
                printf(".%u", root[i]);
        for (size_t i = 0; i < n; i++)
                printf(".%u", sub[i]);
        putchar('\n');
}

/* OID("srvhFoo", 1, 2, 3): the node at root.1.2.3 */
#define OID(name, ...)                                                                             \
        print_oid(name, (const unsigned[]){__VA_ARGS__},                                           \
                  sizeof((const unsigned[]){__VA_ARGS__}) / sizeof(unsigned))

#define OBJ(...)      SRVH_OBJECTS, __VA_ARGS__
#define AGENT(...)    OBJ(SRVH_AGENT, __VA_ARGS__)
#define MODULE_COL(c) AGENT(SRVH_AGENT_MODULE_TABLE, 1, c)
#define RA_COL(c)     OBJ(SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1, c)
#define RM_COL(c)     OBJ(SRVH_RAID, SRVH_RAID_MEMBER_TABLE, 1, c)
#define EXT_COL(c)    OBJ(SRVH_EXT, SRVH_EXT_TABLE, 1, c)
#define EXT_OUT(c)    OBJ(SRVH_EXT, SRVH_EXT_OUTPUT_TABLE, 1, c)
#define DK_COL(c)     OBJ(SRVH_DISK, SRVH_DISK_TABLE, 1, c)
#define DA_COL(c)     OBJ(SRVH_DISK, SRVH_DISK_ATTR_TABLE, 1, c)
#define ZT_COL(c)     OBJ(SRVH_ZFS, SRVH_ZFS_DDT_TABLE, 1, c)
#define EV_COL(c)     OBJ(SRVH_EVENTS, SRVH_EVENT_TABLE, 1, c)
#define ZP_COL(c)     OBJ(SRVH_ZFS, SRVH_ZFS_POOL_TABLE, 1, c)
#define ZV_COL(c)     OBJ(SRVH_ZFS, SRVH_ZFS_VDEV_TABLE, 1, c)
#define ARC(c)        OBJ(SRVH_ZFS, SRVH_ZFS_ARC, c)
#define NOTIFY(c)     OBJ(SRVH_NOTIFY, c)
#define TRAP(t)       SRVH_NOTIFICATIONS, t

static void print_oids(void)
{
        print_oid("srvHealthMIB", NULL, 0);
        OID("srvhNotifications", SRVH_NOTIFICATIONS);
        OID("srvhObjects", SRVH_OBJECTS);
        OID("srvhConformance", SRVH_CONFORMANCE);

        OID("srvhAgent", OBJ(SRVH_AGENT));
        OID("srvhRaid", OBJ(SRVH_RAID));
        OID("srvhDisk", OBJ(SRVH_DISK));
        OID("srvhZfs", OBJ(SRVH_ZFS));
        OID("srvhExt", OBJ(SRVH_EXT));
        OID("srvhEvents", OBJ(SRVH_EVENTS));
        OID("srvhNotifyObjects", OBJ(SRVH_NOTIFY));

        OID("srvhAgentVersion", AGENT(SRVH_AGENT_VERSION));
        OID("srvhAgentStartTime", AGENT(SRVH_AGENT_START_TIME));
        OID("srvhOverallStatus", AGENT(SRVH_AGENT_OVERALL_STATUS));
        OID("srvhOverallMessage", AGENT(SRVH_AGENT_OVERALL_MESSAGE));
        OID("srvhModuleTable", AGENT(SRVH_AGENT_MODULE_TABLE));
        OID("srvhModuleEntry", AGENT(SRVH_AGENT_MODULE_TABLE, 1));
        OID("srvhNotificationsQueued", AGENT(SRVH_AGENT_NOTIFY_QUEUED));
        OID("srvhNotificationsDropped", AGENT(SRVH_AGENT_NOTIFY_DROPPED));
        OID("srvhMasterConnects", AGENT(SRVH_AGENT_MASTER_CONNECTS));

        OID("srvhModuleIndex", MODULE_COL(SRVH_MODULE_INDEX));
        OID("srvhModuleName", MODULE_COL(SRVH_MODULE_NAME));
        OID("srvhModuleEnabled", MODULE_COL(SRVH_MODULE_ENABLED));
        OID("srvhModuleStatus", MODULE_COL(SRVH_MODULE_STATUS));
        OID("srvhModuleLastPoll", MODULE_COL(SRVH_MODULE_LAST_POLL));
        OID("srvhModulePollDuration", MODULE_COL(SRVH_MODULE_POLL_DURATION));
        OID("srvhModuleErrors", MODULE_COL(SRVH_MODULE_ERRORS));
        OID("srvhModuleLastError", MODULE_COL(SRVH_MODULE_LAST_ERROR));
        OID("srvhModulePollInterval", MODULE_COL(SRVH_MODULE_POLL_INTERVAL));
        OID("srvhModuleDataAge", MODULE_COL(SRVH_MODULE_DATA_AGE));
        OID("srvhModuleStale", MODULE_COL(SRVH_MODULE_STALE));
        OID("srvhModulePollTimeout", MODULE_COL(SRVH_MODULE_POLL_TIMEOUT));

        OID("srvhRaidArrayTable", OBJ(SRVH_RAID, SRVH_RAID_ARRAY_TABLE));
        OID("srvhRaidArrayEntry", OBJ(SRVH_RAID, SRVH_RAID_ARRAY_TABLE, 1));
        OID("srvhRaidArrayIndex", RA_COL(SRVH_RA_INDEX));
        OID("srvhRaidArrayName", RA_COL(SRVH_RA_NAME));
        OID("srvhRaidArrayLevel", RA_COL(SRVH_RA_LEVEL));
        OID("srvhRaidArrayState", RA_COL(SRVH_RA_STATE));
        OID("srvhRaidArrayHealth", RA_COL(SRVH_RA_HEALTH));
        OID("srvhRaidArrayTotalDevices", RA_COL(SRVH_RA_TOTAL));
        OID("srvhRaidArrayActiveDevices", RA_COL(SRVH_RA_ACTIVE));
        OID("srvhRaidArrayWorkingDevices", RA_COL(SRVH_RA_WORKING));
        OID("srvhRaidArrayFailedDevices", RA_COL(SRVH_RA_FAILED));
        OID("srvhRaidArraySpareDevices", RA_COL(SRVH_RA_SPARE));
        OID("srvhRaidArraySyncAction", RA_COL(SRVH_RA_SYNC_ACTION));
        OID("srvhRaidArraySyncProgress", RA_COL(SRVH_RA_SYNC_PROGRESS));
        OID("srvhRaidArraySyncSpeed", RA_COL(SRVH_RA_SYNC_SPEED));
        OID("srvhRaidArraySyncEta", RA_COL(SRVH_RA_SYNC_ETA));
        OID("srvhRaidArrayMismatchCount", RA_COL(SRVH_RA_MISMATCH));
        OID("srvhRaidArraySizeBytes", RA_COL(SRVH_RA_SIZE_BYTES));
        OID("srvhRaidArraySizeMiB", RA_COL(SRVH_RA_SIZE_MIB));
        OID("srvhRaidArrayUuid", RA_COL(SRVH_RA_UUID));
        OID("srvhRaidArrayMetadata", RA_COL(SRVH_RA_METADATA));
        OID("srvhRaidArrayLastChange", RA_COL(SRVH_RA_LAST_CHANGE));
        OID("srvhRaidArrayMembers", RA_COL(SRVH_RA_MEMBERS));
        OID("srvhRaidArraySource", RA_COL(SRVH_RA_SOURCE));
        OID("srvhRaidArrayExpected", RA_COL(SRVH_RA_EXPECTED));
        OID("srvhRaidArraySparesExpected", RA_COL(SRVH_RA_SPARES_WANTED));

        OID("srvhRaidMemberTable", OBJ(SRVH_RAID, SRVH_RAID_MEMBER_TABLE));
        OID("srvhRaidMemberEntry", OBJ(SRVH_RAID, SRVH_RAID_MEMBER_TABLE, 1));
        OID("srvhRaidMemberIndex", RM_COL(SRVH_RM_INDEX));
        OID("srvhRaidMemberDevice", RM_COL(SRVH_RM_DEVICE));
        OID("srvhRaidMemberSlot", RM_COL(SRVH_RM_SLOT));
        OID("srvhRaidMemberRole", RM_COL(SRVH_RM_ROLE));
        OID("srvhRaidMemberState", RM_COL(SRVH_RM_STATE));
        OID("srvhRaidMemberErrors", RM_COL(SRVH_RM_ERRORS));

        OID("srvhDiskTable", OBJ(SRVH_DISK, SRVH_DISK_TABLE));
        OID("srvhDiskEntry", OBJ(SRVH_DISK, SRVH_DISK_TABLE, 1));
        OID("srvhDiskKey", DK_COL(SRVH_DK_KEY));
        OID("srvhDiskDevice", DK_COL(SRVH_DK_DEVICE));
        OID("srvhDiskModel", DK_COL(SRVH_DK_MODEL));
        OID("srvhDiskSerial", DK_COL(SRVH_DK_SERIAL));
        OID("srvhDiskFirmware", DK_COL(SRVH_DK_FIRMWARE));
        OID("srvhDiskWwn", DK_COL(SRVH_DK_WWN));
        OID("srvhDiskCapacityBytes", DK_COL(SRVH_DK_CAPACITY));
        OID("srvhDiskCapacityMiB", DK_COL(SRVH_DK_CAPACITY_MIB));
        OID("srvhDiskPowerState", DK_COL(SRVH_DK_POWER_STATE));
        OID("srvhDiskSmartAvailable", DK_COL(SRVH_DK_SMART_AVAIL));
        OID("srvhDiskSmartEnabled", DK_COL(SRVH_DK_SMART_ENABLED));
        OID("srvhDiskVerdict", DK_COL(SRVH_DK_VERDICT));
        OID("srvhDiskHealth", DK_COL(SRVH_DK_HEALTH));
        OID("srvhDiskTemperature", DK_COL(SRVH_DK_TEMPERATURE));
        OID("srvhDiskPowerOnHours", DK_COL(SRVH_DK_POWER_ON));
        OID("srvhDiskPowerCycles", DK_COL(SRVH_DK_POWER_CYCLES));
        OID("srvhDiskReallocatedSectors", DK_COL(SRVH_DK_REALLOCATED));
        OID("srvhDiskPendingSectors", DK_COL(SRVH_DK_PENDING));
        OID("srvhDiskOfflineUncorrectable", DK_COL(SRVH_DK_OFFLINE_UNC));
        OID("srvhDiskLastRead", DK_COL(SRVH_DK_LAST_READ));
        OID("srvhDiskDataAge", DK_COL(SRVH_DK_DATA_AGE));
        OID("srvhDiskReadStatus", DK_COL(SRVH_DK_READ_STATUS));
        OID("srvhDiskReadError", DK_COL(SRVH_DK_READ_ERROR));
        OID("srvhDiskTransport", DK_COL(SRVH_DK_TRANSPORT));
        OID("srvhDiskNvmeCriticalWarning", DK_COL(SRVH_DK_NVME_WARNING));
        OID("srvhDiskNvmeAvailableSpare", DK_COL(SRVH_DK_NVME_SPARE));
        OID("srvhDiskNvmeSpareThreshold", DK_COL(SRVH_DK_NVME_SPARE_THRESH));
        OID("srvhDiskNvmePercentageUsed", DK_COL(SRVH_DK_NVME_USED));
        OID("srvhDiskNvmeDataUnitsRead", DK_COL(SRVH_DK_NVME_UNITS_READ));
        OID("srvhDiskNvmeDataUnitsWritten", DK_COL(SRVH_DK_NVME_UNITS_WRITTEN));
        OID("srvhDiskNvmeUnsafeShutdowns", DK_COL(SRVH_DK_NVME_UNSAFE));
        OID("srvhDiskNvmeMediaErrors", DK_COL(SRVH_DK_NVME_MEDIA_ERRORS));
        OID("srvhDiskNvmeErrorLogEntries", DK_COL(SRVH_DK_NVME_ERROR_LOG));
        OID("srvhDiskSelfTestStatus", DK_COL(SRVH_DK_SELFTEST_STATUS));
        OID("srvhDiskSelfTestType", DK_COL(SRVH_DK_SELFTEST_TYPE));
        OID("srvhDiskSelfTestHour", DK_COL(SRVH_DK_SELFTEST_HOUR));
        OID("srvhDiskSelfTestRemaining", DK_COL(SRVH_DK_SELFTEST_REMAINING));
        OID("srvhDiskHoursSinceLongTest", DK_COL(SRVH_DK_HOURS_SINCE_LONG));
        OID("srvhDiskSelfTestFailures", DK_COL(SRVH_DK_SELFTEST_FAILURES));
        OID("srvhDiskErrorLogCount", DK_COL(SRVH_DK_ERRLOG_COUNT));
        OID("srvhDiskExtErrorLogCount", DK_COL(SRVH_DK_XERRLOG_COUNT));
        OID("srvhDiskErcState", DK_COL(SRVH_DK_ERC_STATE));
        OID("srvhDiskErcReadTimeout", DK_COL(SRVH_DK_ERC_READ));
        OID("srvhDiskErcWriteTimeout", DK_COL(SRVH_DK_ERC_WRITE));
        OID("srvhDiskCommandTimeout", DK_COL(SRVH_DK_CMD_TIMEOUT));
        OID("srvhDiskRaidArrays", DK_COL(SRVH_DK_RAID_ARRAYS));
        OID("srvhDiskLinkSpeed", DK_COL(SRVH_DK_LINK_SPEED));
        OID("srvhDiskLinkSpeedMax", DK_COL(SRVH_DK_LINK_SPEED_MAX));
        OID("srvhDiskTempMinSeen", DK_COL(SRVH_DK_TEMP_MIN_SEEN));
        OID("srvhDiskTempMaxSeen", DK_COL(SRVH_DK_TEMP_MAX_SEEN));
        OID("srvhDiskTempLifetimeMin", DK_COL(SRVH_DK_TEMP_LIFE_MIN));
        OID("srvhDiskTempLifetimeMax", DK_COL(SRVH_DK_TEMP_LIFE_MAX));
        OID("srvhDiskStandbySkips", DK_COL(SRVH_DK_STANDBY_SKIPS));

        OID("srvhDiskAttrTable", OBJ(SRVH_DISK, SRVH_DISK_ATTR_TABLE));
        OID("srvhDiskAttrEntry", OBJ(SRVH_DISK, SRVH_DISK_ATTR_TABLE, 1));
        OID("srvhDiskAttrId", DA_COL(SRVH_DA_ID));
        OID("srvhDiskAttrName", DA_COL(SRVH_DA_NAME));
        OID("srvhDiskAttrValue", DA_COL(SRVH_DA_VALUE));
        OID("srvhDiskAttrWorst", DA_COL(SRVH_DA_WORST));
        OID("srvhDiskAttrThreshold", DA_COL(SRVH_DA_THRESHOLD));
        OID("srvhDiskAttrRaw", DA_COL(SRVH_DA_RAW));
        OID("srvhDiskAttrPrettyValue", DA_COL(SRVH_DA_PRETTY));
        OID("srvhDiskAttrPrettyUnit", DA_COL(SRVH_DA_UNIT));
        OID("srvhDiskAttrPrefailure", DA_COL(SRVH_DA_PREFAILURE));
        OID("srvhDiskAttrOnline", DA_COL(SRVH_DA_ONLINE));
        OID("srvhDiskAttrGoodNow", DA_COL(SRVH_DA_GOOD_NOW));
        OID("srvhDiskAttrGoodInThePast", DA_COL(SRVH_DA_GOOD_PAST));
        OID("srvhZpoolTable", OBJ(SRVH_ZFS, SRVH_ZFS_POOL_TABLE));
        OID("srvhZpoolEntry", OBJ(SRVH_ZFS, SRVH_ZFS_POOL_TABLE, 1));
        OID("srvhZpoolName", ZP_COL(SRVH_ZP_NAME));
        OID("srvhZpoolHealth", ZP_COL(SRVH_ZP_HEALTH));
        OID("srvhZpoolStatus", ZP_COL(SRVH_ZP_STATUS));
        OID("srvhZpoolSizeBytes", ZP_COL(SRVH_ZP_SIZE_BYTES));
        OID("srvhZpoolSizeMiB", ZP_COL(SRVH_ZP_SIZE_MIB));
        OID("srvhZpoolAllocBytes", ZP_COL(SRVH_ZP_ALLOC_BYTES));
        OID("srvhZpoolAllocMiB", ZP_COL(SRVH_ZP_ALLOC_MIB));
        OID("srvhZpoolFreeBytes", ZP_COL(SRVH_ZP_FREE_BYTES));
        OID("srvhZpoolFreeMiB", ZP_COL(SRVH_ZP_FREE_MIB));
        OID("srvhZpoolFragmentation", ZP_COL(SRVH_ZP_FRAGMENTATION));
        OID("srvhZpoolCapacity", ZP_COL(SRVH_ZP_CAPACITY));
        OID("srvhZpoolDedupRatio", ZP_COL(SRVH_ZP_DEDUP_RATIO));
        OID("srvhZpoolReadErrors", ZP_COL(SRVH_ZP_READ_ERRORS));
        OID("srvhZpoolWriteErrors", ZP_COL(SRVH_ZP_WRITE_ERRORS));
        OID("srvhZpoolChecksumErrors", ZP_COL(SRVH_ZP_CKSUM_ERRORS));
        OID("srvhZpoolDataErrors", ZP_COL(SRVH_ZP_DATA_ERRORS));
        OID("srvhZpoolScanFunction", ZP_COL(SRVH_ZP_SCAN_FUNCTION));
        OID("srvhZpoolScanState", ZP_COL(SRVH_ZP_SCAN_STATE));
        OID("srvhZpoolScanProgress", ZP_COL(SRVH_ZP_SCAN_PROGRESS));
        OID("srvhZpoolScanTimeLeft", ZP_COL(SRVH_ZP_SCAN_ETA));
        OID("srvhZpoolScanCompleted", ZP_COL(SRVH_ZP_SCAN_COMPLETED));
        OID("srvhZpoolScanAge", ZP_COL(SRVH_ZP_SCAN_AGE));
        OID("srvhZpoolScanErrors", ZP_COL(SRVH_ZP_SCAN_ERRORS));
        OID("srvhZpoolScrubOverdue", ZP_COL(SRVH_ZP_SCRUB_OVERDUE));
        OID("srvhZpoolDdtEntries", ZP_COL(SRVH_ZP_DDT_ENTRIES));
        OID("srvhZpoolDdtDiskBytes", ZP_COL(SRVH_ZP_DDT_DISK_BYTES));
        OID("srvhZpoolDdtCoreBytes", ZP_COL(SRVH_ZP_DDT_CORE_BYTES));
        OID("srvhZpoolKernelState", ZP_COL(SRVH_ZP_KERNEL_STATE));
        OID("srvhZpoolDdtLookups", ZP_COL(SRVH_ZP_DDT_LOOKUPS));
        OID("srvhZpoolDdtLookupsNew", ZP_COL(SRVH_ZP_DDT_LOOKUP_NEW));
        OID("srvhZpoolDdtLookupsExisting", ZP_COL(SRVH_ZP_DDT_LOOKUP_HIT));
        OID("srvhZpoolSourceForm", ZP_COL(SRVH_ZP_SOURCE_FORM));

        OID("srvhZfsVdevTable", OBJ(SRVH_ZFS, SRVH_ZFS_VDEV_TABLE));
        OID("srvhZfsVdevEntry", OBJ(SRVH_ZFS, SRVH_ZFS_VDEV_TABLE, 1));
        OID("srvhZfsVdevClass", ZV_COL(SRVH_ZV_CLASS));
        OID("srvhZfsVdevName", ZV_COL(SRVH_ZV_NAME));
        OID("srvhZfsVdevState", ZV_COL(SRVH_ZV_STATE));
        OID("srvhZfsVdevReadErrors", ZV_COL(SRVH_ZV_READ_ERRORS));
        OID("srvhZfsVdevWriteErrors", ZV_COL(SRVH_ZV_WRITE_ERRORS));
        OID("srvhZfsVdevChecksumErrors", ZV_COL(SRVH_ZV_CKSUM_ERRORS));
        OID("srvhZfsVdevParent", ZV_COL(SRVH_ZV_PARENT));
        OID("srvhZfsVdevDepth", ZV_COL(SRVH_ZV_DEPTH));
        OID("srvhZfsVdevNote", ZV_COL(SRVH_ZV_NOTE));
        OID("srvhZfsVdevGuid", ZV_COL(SRVH_ZV_GUID));
        OID("srvhZfsVdevPath", ZV_COL(SRVH_ZV_PATH));
        OID("srvhZfsVdevType", ZV_COL(SRVH_ZV_TYPE));

        OID("srvhZfsDatasetTable", OBJ(SRVH_ZFS, SRVH_ZFS_DATASET_TABLE));
        OID("srvhZfsDatasetEntry", OBJ(SRVH_ZFS, SRVH_ZFS_DATASET_TABLE, 1));
        OID("srvhZfsDatasetName", OBJ(SRVH_ZFS, SRVH_ZFS_DATASET_TABLE, 1, SRVH_ZD_NAME));
        OID("srvhZfsDatasetDedup", OBJ(SRVH_ZFS, SRVH_ZFS_DATASET_TABLE, 1, SRVH_ZD_DEDUP));
        OID("srvhZfsDatasetCompressRatio",
            OBJ(SRVH_ZFS, SRVH_ZFS_DATASET_TABLE, 1, SRVH_ZD_COMPRESS_RATIO));
        OID("srvhZfsDdtTable", OBJ(SRVH_ZFS, SRVH_ZFS_DDT_TABLE));
        OID("srvhZfsDdtEntry", OBJ(SRVH_ZFS, SRVH_ZFS_DDT_TABLE, 1));
        OID("srvhZfsDdtRefcount", ZT_COL(SRVH_ZT_REFCOUNT));
        OID("srvhZfsDdtAllocBlocks", ZT_COL(SRVH_ZT_ALLOC_BLOCKS));
        OID("srvhZfsDdtAllocLsize", ZT_COL(SRVH_ZT_ALLOC_LSIZE));
        OID("srvhZfsDdtAllocPsize", ZT_COL(SRVH_ZT_ALLOC_PSIZE));
        OID("srvhZfsDdtAllocDsize", ZT_COL(SRVH_ZT_ALLOC_DSIZE));
        OID("srvhZfsDdtAllocDsizeMiB", ZT_COL(SRVH_ZT_ALLOC_DSIZE_MIB));
        OID("srvhZfsDdtRefBlocks", ZT_COL(SRVH_ZT_REF_BLOCKS));
        OID("srvhZfsDdtRefLsize", ZT_COL(SRVH_ZT_REF_LSIZE));
        OID("srvhZfsDdtRefPsize", ZT_COL(SRVH_ZT_REF_PSIZE));
        OID("srvhZfsDdtRefDsize", ZT_COL(SRVH_ZT_REF_DSIZE));
        OID("srvhZfsDdtRefDsizeMiB", ZT_COL(SRVH_ZT_REF_DSIZE_MIB));

        OID("srvhZfsArc", OBJ(SRVH_ZFS, SRVH_ZFS_ARC));
        OID("srvhZfsArcSizeBytes", ARC(SRVH_ARC_SIZE_BYTES));
        OID("srvhZfsArcSizeMiB", ARC(SRVH_ARC_SIZE_MIB));
        OID("srvhZfsArcTargetBytes", ARC(SRVH_ARC_TARGET_BYTES));
        OID("srvhZfsArcMaxBytes", ARC(SRVH_ARC_MAX_BYTES));
        OID("srvhZfsArcHits", ARC(SRVH_ARC_HITS));
        OID("srvhZfsArcMisses", ARC(SRVH_ARC_MISSES));
        OID("srvhZfsArcHitRatio", ARC(SRVH_ARC_HIT_RATIO));
        OID("srvhZfsArcL2SizeBytes", ARC(SRVH_ARC_L2_SIZE));
        OID("srvhZfsArcL2Hits", ARC(SRVH_ARC_L2_HITS));
        OID("srvhZfsArcL2Misses", ARC(SRVH_ARC_L2_MISSES));

        OID("srvhEventTable", OBJ(SRVH_EVENTS, SRVH_EVENT_TABLE));
        OID("srvhEventEntry", OBJ(SRVH_EVENTS, SRVH_EVENT_TABLE, 1));
        OID("srvhEventSeq", EV_COL(SRVH_EV_SEQ));
        OID("srvhEventTime", EV_COL(SRVH_EV_TIME));
        OID("srvhEventSeverity", EV_COL(SRVH_EV_SEVERITY));
        OID("srvhEventNotification", EV_COL(SRVH_EV_NOTIFICATION));
        OID("srvhEventObject", EV_COL(SRVH_EV_OBJECT));
        OID("srvhEventText", EV_COL(SRVH_EV_TEXT));
        OID("srvhEventLastSeq", OBJ(SRVH_EVENTS, SRVH_EVENT_LAST_SEQ));

        OID("srvhNotifySeq", NOTIFY(SRVH_NOTIFY_SEQ));
        OID("srvhNotifySeverity", NOTIFY(SRVH_NOTIFY_SEVERITY));
        OID("srvhNotifyObject", NOTIFY(SRVH_NOTIFY_OBJECT));
        OID("srvhNotifyNewState", NOTIFY(SRVH_NOTIFY_NEW_STATE));
        OID("srvhNotifyOldState", NOTIFY(SRVH_NOTIFY_OLD_STATE));
        OID("srvhNotifyText", NOTIFY(SRVH_NOTIFY_TEXT));
        OID("srvhNotifyValue", NOTIFY(SRVH_NOTIFY_VALUE));

        OID("srvhRaidDegraded", TRAP(SRVH_TRAP_RAID_DEGRADED));
        OID("srvhRaidFailed", TRAP(SRVH_TRAP_RAID_FAILED));
        OID("srvhRaidRecovered", TRAP(SRVH_TRAP_RAID_RECOVERED));
        OID("srvhRaidMemberFailed", TRAP(SRVH_TRAP_RAID_MEMBER_FAILED));
        OID("srvhRaidSpareFailed", TRAP(SRVH_TRAP_RAID_SPARE_FAILED));
        OID("srvhRaidSpareActivated", TRAP(SRVH_TRAP_RAID_SPARE_ACTIVATED));
        OID("srvhRaidRebuildStarted", TRAP(SRVH_TRAP_RAID_REBUILD_STARTED));
        OID("srvhRaidRebuildProgress", TRAP(SRVH_TRAP_RAID_REBUILD_PROGRESS));
        OID("srvhRaidRebuildFinished", TRAP(SRVH_TRAP_RAID_REBUILD_FINISHED));
        OID("srvhRaidArrayAppeared", TRAP(SRVH_TRAP_RAID_ARRAY_APPEARED));
        OID("srvhRaidArrayDisappeared", TRAP(SRVH_TRAP_RAID_ARRAY_DISAPPEARED));
        OID("srvhCheckFailed", TRAP(SRVH_TRAP_CHECK_FAILED));
        OID("srvhCheckRecovered", TRAP(SRVH_TRAP_CHECK_RECOVERED));
        OID("srvhDiskVerdictWorse", TRAP(SRVH_TRAP_DISK_VERDICT_WORSE));
        OID("srvhDiskVerdictBetter", TRAP(SRVH_TRAP_DISK_VERDICT_BETTER));
        OID("srvhDiskTemperatureHigh", TRAP(SRVH_TRAP_DISK_TEMP_HIGH));
        OID("srvhDiskTemperatureNormal", TRAP(SRVH_TRAP_DISK_TEMP_NORMAL));
        OID("srvhDiskReallocatedIncreased", TRAP(SRVH_TRAP_DISK_REALLOC_INCREASED));
        OID("srvhDiskPendingIncreased", TRAP(SRVH_TRAP_DISK_PENDING_INCREASED));
        OID("srvhDiskReadFailed", TRAP(SRVH_TRAP_DISK_READ_FAILED));
        OID("srvhDiskReadRecovered", TRAP(SRVH_TRAP_DISK_READ_RECOVERED));
        OID("srvhDiskAppeared", TRAP(SRVH_TRAP_DISK_APPEARED));
        OID("srvhDiskRemoved", TRAP(SRVH_TRAP_DISK_REMOVED));
        OID("srvhDiskNvmeWarningRaised", TRAP(SRVH_TRAP_NVME_WARNING_RAISED));
        OID("srvhDiskNvmeWarningCleared", TRAP(SRVH_TRAP_NVME_WARNING_CLEARED));
        OID("srvhDiskNvmeSpareLow", TRAP(SRVH_TRAP_NVME_SPARE_LOW));
        OID("srvhDiskNvmeSpareRestored", TRAP(SRVH_TRAP_NVME_SPARE_OK));
        OID("srvhDiskNvmeWearHigh", TRAP(SRVH_TRAP_NVME_WEAR_HIGH));
        OID("srvhDiskNvmeWearNormal", TRAP(SRVH_TRAP_NVME_WEAR_NORMAL));
        OID("srvhDiskNvmeMediaErrorsIncreased", TRAP(SRVH_TRAP_NVME_MEDIA_ERRORS));
        OID("srvhDiskPathTable", OBJ(SRVH_DISK, SRVH_DISK_PATH_TABLE));
        OID("srvhDiskPathEntry", OBJ(SRVH_DISK, SRVH_DISK_PATH_TABLE, 1));
        OID("srvhDiskPathIndex", OBJ(SRVH_DISK, SRVH_DISK_PATH_TABLE, 1, SRVH_DP_INDEX));
        OID("srvhDiskPathDevice", OBJ(SRVH_DISK, SRVH_DISK_PATH_TABLE, 1, SRVH_DP_DEVICE));
        OID("srvhDiskSelfTestFailed", TRAP(SRVH_TRAP_DISK_SELFTEST_FAILED));
        OID("srvhDiskSelfTestPassed", TRAP(SRVH_TRAP_DISK_SELFTEST_PASSED));
        OID("srvhDiskErrorLogIncreased", TRAP(SRVH_TRAP_DISK_ERRLOG_INCREASED));
        OID("srvhDiskErcWarning", TRAP(SRVH_TRAP_DISK_ERC_WARNING));
        OID("srvhDiskErcOk", TRAP(SRVH_TRAP_DISK_ERC_OK));
        OID("srvhDiskReplaced", TRAP(SRVH_TRAP_DISK_REPLACED));
        OID("srvhDiskLinkSlow", TRAP(SRVH_TRAP_DISK_LINK_SLOW));
        OID("srvhDiskLinkNormal", TRAP(SRVH_TRAP_DISK_LINK_NORMAL));
        OID("srvhRaidSparesMissing", TRAP(SRVH_TRAP_RAID_SPARES_MISSING));
        OID("srvhRaidSparesRestored", TRAP(SRVH_TRAP_RAID_SPARES_RESTORED));
        OID("srvhRaidArrayMissing", TRAP(SRVH_TRAP_RAID_ARRAY_MISSING));
        OID("srvhRaidArrayFound", TRAP(SRVH_TRAP_RAID_ARRAY_FOUND));
        OID("srvhZpoolHealthChanged", TRAP(SRVH_TRAP_ZPOOL_HEALTH_CHANGED));
        OID("srvhZpoolScanFinished", TRAP(SRVH_TRAP_ZPOOL_SCAN_FINISHED));
        OID("srvhZfsVdevErrorsIncreased", TRAP(SRVH_TRAP_ZFS_VDEV_ERRORS));
        OID("srvhZpoolAppeared", TRAP(SRVH_TRAP_ZPOOL_APPEARED));
        OID("srvhZpoolDisappeared", TRAP(SRVH_TRAP_ZPOOL_DISAPPEARED));
        OID("srvhZpoolNoRecentScrub", TRAP(SRVH_TRAP_ZPOOL_NO_RECENT_SCRUB));
        OID("srvhZpoolDataErrorsIncreased", TRAP(SRVH_TRAP_ZPOOL_DATA_ERRORS));
        OID("srvhZpoolScanStarted", TRAP(SRVH_TRAP_ZPOOL_SCAN_STARTED));
        OID("srvhModuleFailed", TRAP(SRVH_TRAP_MODULE_FAILED));
        OID("srvhModuleRecovered", TRAP(SRVH_TRAP_MODULE_RECOVERED));
        OID("srvhEventsLost", TRAP(SRVH_TRAP_EVENTS_LOST));

        OID("srvhExtTable", OBJ(SRVH_EXT, SRVH_EXT_TABLE));
        OID("srvhExtEntry", OBJ(SRVH_EXT, SRVH_EXT_TABLE, 1));
        OID("srvhExtIndex", EXT_COL(SRVH_EXT_INDEX));
        OID("srvhExtNames", EXT_COL(SRVH_EXT_NAMES));
        OID("srvhExtCommand", EXT_COL(SRVH_EXT_COMMAND));
        OID("srvhExtStatus", EXT_COL(SRVH_EXT_STATUS));
        OID("srvhExtLastRun", EXT_COL(SRVH_EXT_LAST_RUN));
        OID("srvhExtDuration", EXT_COL(SRVH_EXT_DURATION));
        OID("srvhExtTimedOut", EXT_COL(SRVH_EXT_TIMED_OUT));
        OID("srvhExtSignal", EXT_COL(SRVH_EXT_SIGNAL));
        OID("srvhExtLines", EXT_COL(SRVH_EXT_LINES));
        OID("srvhExtTruncated", EXT_COL(SRVH_EXT_TRUNCATED));
        OID("srvhExtInterval", EXT_COL(SRVH_EXT_INTERVAL));
        OID("srvhExtTimeout", EXT_COL(SRVH_EXT_TIMEOUT));
        OID("srvhExtRuns", EXT_COL(SRVH_EXT_RUNS));
        OID("srvhExtRunError", EXT_COL(SRVH_EXT_RUN_ERROR));
        OID("srvhExtRunning", EXT_COL(SRVH_EXT_RUNNING));
        OID("srvhExtResult", EXT_COL(SRVH_EXT_RESULT));
        OID("srvhExtOutput", EXT_COL(SRVH_EXT_OUTPUT));
        OID("srvhExtErrFix", EXT_COL(SRVH_EXT_ERRFIX));
        OID("srvhExtErrFixCmd", EXT_COL(SRVH_EXT_ERRFIX_CMD));
        OID("srvhExtOutputTable", OBJ(SRVH_EXT, SRVH_EXT_OUTPUT_TABLE));
        OID("srvhExtOutputEntry", OBJ(SRVH_EXT, SRVH_EXT_OUTPUT_TABLE, 1));
        OID("srvhExtOutputLineIndex", EXT_OUT(SRVH_EXT_OUT_LINE_INDEX));
        OID("srvhExtOutputLine", EXT_OUT(SRVH_EXT_OUT_LINE));
}

struct label {
        const char *label;
        int value;
};

static void print_enum(const char *object, const struct label *l, size_t n)
{
        for (size_t i = 0; i < n; i++)
                printf("%s %s %d\n", object, l[i].label, l[i].value);
}

#define ENUM(object, table) print_enum(object, table, sizeof(table) / sizeof((table)[0]))

static const struct label health[] = {
    {"ok", SRVH_HEALTH_OK},
    {"warning", SRVH_HEALTH_WARNING},
    {"critical", SRVH_HEALTH_CRITICAL},
    {"unknown", SRVH_HEALTH_UNKNOWN},
};

static const struct label array_state[] = {
    {"clean", MD_STATE_CLEAN},
    {"active", MD_STATE_ACTIVE},
    {"degraded", MD_STATE_DEGRADED},
    {"resyncing", MD_STATE_RESYNCING},
    {"recovering", MD_STATE_RECOVERING},
    {"checking", MD_STATE_CHECKING},
    {"repairing", MD_STATE_REPAIRING},
    {"reshaping", MD_STATE_RESHAPING},
    {"inactive", MD_STATE_INACTIVE},
    {"readonly", MD_STATE_READONLY},
    {"readAuto", MD_STATE_READ_AUTO},
    {"failed", MD_STATE_FAILED},
    {"resyncDelayed", MD_STATE_RESYNC_DELAYED},
    {"resyncPending", MD_STATE_RESYNC_PENDING},
    {"unknown", MD_STATE_UNKNOWN},
    {"missing", MD_STATE_MISSING},
};
_Static_assert(sizeof(array_state) / sizeof(array_state[0]) == MD_STATE_MAX_ - 1,
               "enum md_array_state grew: add the value here and to the MIB");

static const struct label sync_action[] = {
    {"idle", MD_SYNC_IDLE},     {"resync", MD_SYNC_RESYNC},   {"recover", MD_SYNC_RECOVER},
    {"check", MD_SYNC_CHECK},   {"repair", MD_SYNC_REPAIR},   {"reshape", MD_SYNC_RESHAPE},
    {"frozen", MD_SYNC_FROZEN}, {"unknown", MD_SYNC_UNKNOWN},
};
_Static_assert(sizeof(sync_action) / sizeof(sync_action[0]) == MD_SYNC_MAX_ - 1,
               "enum md_sync_action grew: add the value here and to the MIB");

static const struct label member_role[] = {
    {"active", MD_ROLE_ACTIVE},           {"spare", MD_ROLE_SPARE},
    {"faulty", MD_ROLE_FAULTY},           {"writeMostly", MD_ROLE_WRITE_MOSTLY},
    {"replacement", MD_ROLE_REPLACEMENT}, {"journal", MD_ROLE_JOURNAL},
    {"missing", MD_ROLE_MISSING},         {"rebuilding", MD_ROLE_REBUILDING},
};
_Static_assert(sizeof(member_role) / sizeof(member_role[0]) == MD_ROLE_MAX_ - 1,
               "enum md_member_role grew: add the value here and to the MIB");

static const struct label power_state[] = {
    {"active", SMART_POWER_ACTIVE},   {"idle", SMART_POWER_IDLE},
    {"standby", SMART_POWER_STANDBY}, {"sleep", SMART_POWER_SLEEP},
    {"unknown", SMART_POWER_UNKNOWN},
};
_Static_assert(sizeof(power_state) / sizeof(power_state[0]) == SMART_POWER_MAX_ - 1,
               "enum smart_power grew: add the value here and to the MIB");

static const struct label test_status[] = {
    {"passed", SMART_TEST_PASSED},
    {"abortedByHost", SMART_TEST_ABORTED},
    {"interruptedByReset", SMART_TEST_INTERRUPTED},
    {"fatalError", SMART_TEST_FATAL},
    {"failedUnknownElement", SMART_TEST_FAILED_UNKNOWN},
    {"failedElectrical", SMART_TEST_FAILED_ELECTRICAL},
    {"failedServo", SMART_TEST_FAILED_SERVO},
    {"failedRead", SMART_TEST_FAILED_READ},
    {"failedHandlingDamage", SMART_TEST_FAILED_HANDLING},
    {"inProgress", SMART_TEST_IN_PROGRESS},
    {"other", SMART_TEST_OTHER},
};
_Static_assert(sizeof(test_status) / sizeof(test_status[0]) == SMART_TEST_STATUS_MAX_ - 1,
               "enum smart_test_status grew: add the value here and to the MIB");

static const struct label test_type[] = {
    {"offline", SMART_TEST_OFFLINE},     {"short", SMART_TEST_SHORT},
    {"extended", SMART_TEST_EXTENDED},   {"conveyance", SMART_TEST_CONVEYANCE},
    {"selective", SMART_TEST_SELECTIVE}, {"vendor", SMART_TEST_VENDOR},
};
_Static_assert(sizeof(test_type) / sizeof(test_type[0]) == SMART_TEST_TYPE_MAX_ - 1,
               "enum smart_test_type grew: add the value here and to the MIB");

static const struct label erc_state[] = {
    {"enabled", SMART_ERC_ENABLED},
    {"disabled", SMART_ERC_DISABLED},
    {"unsupported", SMART_ERC_UNSUPPORTED},
};
_Static_assert(sizeof(erc_state) / sizeof(erc_state[0]) == SMART_ERC_STATE_MAX_ - 1,
               "enum smart_erc_state grew: add the value here and to the MIB");

static const struct label verdict[] = {
    {"good", SMART_VERDICT_GOOD},
    {"badAttributeInThePast", SMART_VERDICT_BAD_ATTRIBUTE_IN_THE_PAST},
    {"badSector", SMART_VERDICT_BAD_SECTOR},
    {"badAttributeNow", SMART_VERDICT_BAD_ATTRIBUTE_NOW},
    {"badSectorMany", SMART_VERDICT_BAD_SECTOR_MANY},
    {"badStatus", SMART_VERDICT_BAD_STATUS},
};
_Static_assert(sizeof(verdict) / sizeof(verdict[0]) == SMART_VERDICT_MAX_ - 1,
               "enum smart_verdict grew: add the value here and to the MIB");

static const struct label read_status[] = {
    {"ok", SMART_READ_OK},
    {"readFailed", SMART_READ_FAILED},
    {"noPermission", SMART_READ_NO_PERMISSION},
    {"asleep", SMART_READ_ASLEEP},
    {"timedOut", SMART_READ_TIMED_OUT},
    {"smartUnavailable", SMART_READ_UNAVAILABLE},
};
_Static_assert(sizeof(read_status) / sizeof(read_status[0]) == SMART_READ_MAX_ - 1,
               "enum smart_read_status grew: add the value here and to the MIB");

static const struct label transport[] = {
    {"ata", SMART_TRANSPORT_ATA},
    {"nvme", SMART_TRANSPORT_NVME},
    {"other", SMART_TRANSPORT_OTHER},
};
_Static_assert(sizeof(transport) / sizeof(transport[0]) == SMART_TRANSPORT_MAX_ - 1,
               "enum smart_transport grew: add the value here and to the MIB");

static const struct label pretty_unit[] = {
    {"unknown", SMART_UNIT_UNKNOWN},       {"none", SMART_UNIT_NONE},
    {"milliseconds", SMART_UNIT_MSECONDS}, {"sectors", SMART_UNIT_SECTORS},
    {"millikelvin", SMART_UNIT_MKELVIN},   {"smallPercent", SMART_UNIT_SMALL_PERCENT},
    {"percent", SMART_UNIT_PERCENT},       {"megabytes", SMART_UNIT_MB},
};
_Static_assert(sizeof(pretty_unit) / sizeof(pretty_unit[0]) == SMART_UNIT_MAX_ - 1,
               "enum smart_unit grew: add the value here and to the MIB");
static const struct label zpool_health[] = {
    {"online", ZFS_HEALTH_ONLINE},       {"degraded", ZFS_HEALTH_DEGRADED},
    {"faulted", ZFS_HEALTH_FAULTED},     {"offline", ZFS_HEALTH_OFFLINE},
    {"removed", ZFS_HEALTH_REMOVED},     {"unavail", ZFS_HEALTH_UNAVAIL},
    {"suspended", ZFS_HEALTH_SUSPENDED}, {"unknown", ZFS_HEALTH_UNKNOWN},
};
_Static_assert(sizeof(zpool_health) / sizeof(zpool_health[0]) == ZFS_HEALTH_MAX_ - 1,
               "enum zfs_pool_health grew: add the value here and to the MIB");

static const struct label scan_func[] = {
    {"none", ZFS_SCAN_FUNC_NONE},         {"scrub", ZFS_SCAN_FUNC_SCRUB},
    {"resilver", ZFS_SCAN_FUNC_RESILVER}, {"errorScrub", ZFS_SCAN_FUNC_ERROR_SCRUB},
    {"unknown", ZFS_SCAN_FUNC_UNKNOWN},
};
_Static_assert(sizeof(scan_func) / sizeof(scan_func[0]) == ZFS_SCAN_FUNC_MAX_ - 1,
               "enum zfs_scan_func grew: add the value here and to the MIB");

static const struct label scan_state[] = {
    {"none", ZFS_SCAN_NONE},         {"running", ZFS_SCAN_RUNNING}, {"finished", ZFS_SCAN_FINISHED},
    {"canceled", ZFS_SCAN_CANCELED}, {"paused", ZFS_SCAN_PAUSED},   {"unknown", ZFS_SCAN_UNKNOWN},
};
_Static_assert(sizeof(scan_state) / sizeof(scan_state[0]) == ZFS_SCAN_STATE_MAX_ - 1,
               "enum zfs_scan_state grew: add the value here and to the MIB");

static const struct label vdev_class[] = {
    {"normal", ZFS_CLASS_NORMAL}, {"log", ZFS_CLASS_LOG},         {"cache", ZFS_CLASS_CACHE},
    {"spare", ZFS_CLASS_SPARE},   {"special", ZFS_CLASS_SPECIAL}, {"dedup", ZFS_CLASS_DEDUP},
};
_Static_assert(sizeof(vdev_class) / sizeof(vdev_class[0]) == ZFS_CLASS_MAX_ - 1,
               "enum zfs_vdev_class grew: add the value here and to the MIB");

static const struct label vdev_state[] = {
    {"online", ZFS_VDEV_ONLINE},   {"degraded", ZFS_VDEV_DEGRADED}, {"faulted", ZFS_VDEV_FAULTED},
    {"offline", ZFS_VDEV_OFFLINE}, {"removed", ZFS_VDEV_REMOVED},   {"unavail", ZFS_VDEV_UNAVAIL},
    {"avail", ZFS_VDEV_AVAIL},     {"inuse", ZFS_VDEV_INUSE},       {"unknown", ZFS_VDEV_UNKNOWN},
};
_Static_assert(sizeof(vdev_state) / sizeof(vdev_state[0]) == ZFS_VDEV_STATE_MAX_ - 1,
               "enum zfs_vdev_state grew: add the value here and to the MIB");

static const struct label source_form[] = {
    {"text", ZFS_FORM_TEXT},
    {"json", ZFS_FORM_JSON},
};
_Static_assert(sizeof(source_form) / sizeof(source_form[0]) == ZFS_FORM_MAX_ - 1,
               "enum zfs_source_form grew: add the value here and to the MIB");

static void print_enums(void)
{
        /* Every object whose values the daemon writes from enum srvh_health. */
        ENUM("srvhOverallStatus", health);
        ENUM("srvhModuleStatus", health);
        ENUM("srvhRaidArrayHealth", health);
        ENUM("srvhEventSeverity", health);
        ENUM("srvhNotifySeverity", health);
        ENUM("srvhExtStatus", health);

        ENUM("srvhRaidArrayState", array_state);
        ENUM("srvhRaidArraySyncAction", sync_action);
        ENUM("srvhRaidMemberRole", member_role);

        ENUM("srvhDiskHealth", health);
        ENUM("srvhDiskPowerState", power_state);
        ENUM("srvhDiskVerdict", verdict);
        ENUM("srvhDiskReadStatus", read_status);
        ENUM("srvhDiskAttrPrettyUnit", pretty_unit);
        ENUM("srvhDiskTransport", transport);
        ENUM("srvhDiskSelfTestStatus", test_status);
        ENUM("srvhDiskSelfTestType", test_type);
        ENUM("srvhDiskErcState", erc_state);
        ENUM("srvhZpoolStatus", health);
        ENUM("srvhZpoolHealth", zpool_health);
        ENUM("srvhZpoolKernelState", zpool_health);
        ENUM("srvhZpoolSourceForm", source_form);
        ENUM("srvhZpoolScanFunction", scan_func);
        ENUM("srvhZpoolScanState", scan_state);
        ENUM("srvhZfsVdevClass", vdev_class);
        ENUM("srvhZfsVdevState", vdev_state);
}

int main(void)
{
        print_oids();
        print_enums();
        return fflush(stdout) == 0 ? 0 : 1;
}
