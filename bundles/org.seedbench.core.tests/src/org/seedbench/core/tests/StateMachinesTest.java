package org.seedbench.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.seedbench.core.model.DriveState;
import org.seedbench.core.model.JobState;
import org.seedbench.core.rules.DriveStates;
import org.seedbench.core.rules.IllegalTransitionException;
import org.seedbench.core.rules.JobStates;

class StateMachinesTest {

    @Test
    void theWholeTripIsALegalPathOfJobStates() {
        JobState[] trip = { JobState.DRAFT, JobState.STAGING, JobState.STAGED, JobState.PREPARING_DRIVES,
                JobState.DRIVES_READY, JobState.CREATING, JobState.SHIPPING, JobState.RECEIVED,
                JobState.TRANSFERRING, JobState.PACKAGING, JobState.COMPLETED, JobState.VAULT_SEEDING,
                JobState.SEEDED, JobState.CLEANED_UP };
        for (int i = 1; i < trip.length; i++) {
            JobStates.checkMove("seed-fs01", trip[i - 1], trip[i]);
        }
        assertTrue(JobStates.isFinal(JobState.CLEANED_UP));
    }

    @Test
    void cleanupBeforeTheVaultHoldsTheSeedIsRefused() {
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> JobStates.checkMove("seed-fs01", JobState.COMPLETED, JobState.CLEANED_UP));
        assertEquals("job seed-fs01 cannot go from Completed to CleanedUp; from Completed it can go to "
                + "Closed, VaultSeeding", e.getMessage());
    }

    @Test
    void onlyAJobAwaitingShippingDetailsExpires() {
        assertTrue(JobStates.canMove(JobState.CREATING, JobState.EXPIRED));
        assertThrows(IllegalTransitionException.class,
                () -> JobStates.checkMove("j", JobState.SHIPPING, JobState.EXPIRED));
    }

    @Test
    void finalStatesSaySo() {
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> JobStates.checkMove("j", JobState.EXPIRED, JobState.STAGING));
        assertEquals("job j cannot go from Expired to Staging: Expired is final", e.getMessage());
    }

    @Test
    void drivesFollowTheServiceStates() {
        DriveStates.checkMove("SB-0001", DriveState.SPECIFIED, DriveState.RECEIVED);
        DriveStates.checkMove("SB-0001", DriveState.RECEIVED, DriveState.TRANSFERRING);
        DriveStates.checkMove("SB-0001", DriveState.TRANSFERRING, DriveState.COMPLETED_MORE_INFO);
        DriveStates.checkMove("SB-0001", DriveState.COMPLETED_MORE_INFO, DriveState.SHIPPED_BACK);
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> DriveStates.checkMove("SB-0001", DriveState.SPECIFIED, DriveState.COMPLETED));
        assertTrue(e.getMessage().startsWith("drive SB-0001 cannot go from Specified to Completed"));
    }

    @Test
    void labelsAreTheServiceNames() {
        assertEquals(JobState.COMPLETED_WITH_ERRORS, JobState.parse("CompletedWithErrors"));
        assertEquals("PreparingDrives", JobState.PREPARING_DRIVES.toString());
        assertEquals(DriveState.NEVER_RECEIVED, DriveState.parse("neverreceived"));
    }

    @Test
    void aJobIsCancelledOnlyBeforeTheDatacenterReceivesItsDrives() {
        for (JobState s : new JobState[] { JobState.DRAFT, JobState.STAGING, JobState.STAGED, JobState.PREPARING_DRIVES,
                JobState.DRIVES_READY, JobState.CREATING, JobState.SHIPPING }) {
            assertTrue(JobStates.canCancel(s), s.label());
        }
        for (JobState s : new JobState[] { JobState.RECEIVED, JobState.TRANSFERRING, JobState.COMPLETED,
                JobState.CANCELLED, JobState.EXPIRED, JobState.CLEANED_UP }) {
            assertFalse(JobStates.canCancel(s), s.label());
        }
    }

    @Test
    void aJobIsDeletedOnlyWhenNothingOfItIsUnderWay() {
        assertEquals(java.util.EnumSet.of(JobState.DRAFT, JobState.CANCELLED, JobState.EXPIRED, JobState.CLEANED_UP),
                java.util.EnumSet.copyOf(JobStates.deletable()));
        assertFalse(JobStates.canDelete(JobState.STAGING));
        assertFalse(JobStates.canDelete(JobState.SHIPPING));
    }

    @Test
    void anEditedStagedJobGoesBackToDraftAndOnlyDraftOrStagedIsEdited() {
        assertTrue(JobStates.canEdit(JobState.DRAFT));
        assertTrue(JobStates.canEdit(JobState.STAGED));
        assertFalse(JobStates.canEdit(JobState.PREPARING_DRIVES));
        assertFalse(JobStates.canEdit(JobState.STAGING));
        JobStates.checkMove("j", JobState.STAGED, JobState.DRAFT);
    }

    @Test
    void anExpiredImportJobIsReopenedAsANewImportJobAndStaysFinalOtherwise() {
        assertTrue(JobStates.canReopen(JobState.EXPIRED));
        assertFalse(JobStates.canReopen(JobState.CANCELLED));
        assertFalse(JobStates.canReopen(JobState.CREATING));
        JobStates.checkMove("j", JobState.EXPIRED, JobState.CREATING);
        assertTrue(JobStates.isFinal(JobState.EXPIRED));
        assertFalse(JobStates.canMove(JobState.CANCELLED, JobState.CREATING));
    }
}
