"""`thidua refresh_results [--campaign ID]`: carry monitoring (the appraised PAR Index, task
ratings, violations, initiatives) into the results of every round of the live campaigns, or
of one. For data changed outside the services (an import, a correction in the admin); the
services refresh on every change themselves. Idempotent: a second run updates nothing.

Exit status 0 with the number of results updated on stdout; 2 with a message on stderr for
a campaign that does not exist or is not live.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from thidua.campaigns.enums import CampaignState
from thidua.campaigns.models import Campaign
from thidua.monitoring.services import refresh_live_results


class Command(BaseCommand):
    help = "Cập nhật kết quả theo dõi (chỉ số CCHC, xếp loại, vi phạm, sáng kiến) vào kết quả đợt."

    def add_arguments(self, parser):
        parser.add_argument(
            "--campaign", type=int, metavar="ID", help="Chỉ kế hoạch có mã số (id) này."
        )

    def handle(self, *args, campaign=None, **options):
        if campaign is not None:
            state = Campaign.objects.filter(pk=campaign).values_list("state", flat=True).first()
            if state is None:
                self.fail(_("Không có kế hoạch mã số %(id)s.") % {"id": campaign})
            if state not in CampaignState.LIVE:
                self.fail(
                    _(
                        "Kế hoạch %(id)s chưa ban hành hoặc đã kết thúc, không thể cập nhật "
                        "kết quả theo dõi."
                    )
                    % {"id": campaign}
                )
        updated = refresh_live_results(campaign_id=campaign)
        self.stdout.write(_("Đã cập nhật %(n)s kết quả.") % {"n": updated})

    def fail(self, message: str) -> None:
        self.stderr.write(message)
        raise SystemExit(2)
