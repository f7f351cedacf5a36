from django.urls import path

from casework.identification import views
from casework.remains import views as remains_views

urlpatterns = [
    path("identification/", views.overview, name="identification"),
    path("identification/runs/new/", views.run_start, name="run-start"),
    path("identification/profiles/import/", views.profiles_upload, name="profiles-upload"),
    path("identification/remains/register/", remains_views.register, name="remains-register"),
    path(
        "identification/remains/register/site/",
        remains_views.site_register_view,
        name="remains-site-register",
    ),
    path(
        "identification/remains/register/remains/",
        remains_views.remains_register_view,
        name="remains-register-remains",
    ),
    path("identification/runs/<int:run_id>/", views.run_detail, name="run-detail"),
    path("identification/remains/<int:remains_id>/", views.remains_detail, name="remains-detail"),
    path(
        "identification/remains/<int:remains_id>/propose/",
        views.remains_propose,
        name="remains-propose",
    ),
    path(
        "identification/decisions/<int:ident_id>/",
        views.identification_detail,
        name="identification-detail",
    ),
    path(
        "identification/decisions/<int:ident_id>/decide/",
        views.identification_decide_view,
        name="identification-decide",
    ),
    path(
        "identification/decisions/<int:ident_id>/steps/",
        views.identification_step_view,
        name="identification-step",
    ),
    path(
        "identification/decisions/<int:ident_id>/report.pdf",
        views.identification_report_view,
        name="identification-report",
    ),
    # The DNA side of a case (family pedigree, reference samples, custody, consent).
    path("cases/<int:case_id>/dna/", views.case_dna, name="case-dna"),
    path(
        "cases/<int:case_id>/dna/pedigree/", views.case_pedigree_start, name="case-pedigree-start"
    ),
    path("cases/<int:case_id>/dna/members/", views.case_member_add, name="case-member-add"),
    path(
        "cases/<int:case_id>/dna/samples/", views.case_sample_register, name="case-sample-register"
    ),
    path("cases/<int:case_id>/dna/custody/", views.case_custody_record, name="case-custody-record"),
    path(
        "cases/<int:case_id>/dna/withdraw/",
        views.case_consent_withdraw,
        name="case-consent-withdraw",
    ),
]
