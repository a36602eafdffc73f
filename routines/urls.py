"""The plan's own parts: focus areas, sections, actors and duties, milestones, routines, units."""

from django.urls import path

from routines.views import attachments, formatting, look, parts, reading, reviews, routines

app_name = "routines"

urlpatterns = [
    path("formatting/preview/", formatting.markdown_preview, name="markdown_preview"),
    path("plans/<int:plan_pk>/focus-areas/", parts.focus_area_list, name="focus_area_list"),
    path("plans/<int:plan_pk>/focus-areas/new/", parts.focus_area_create, name="focus_area_create"),
    path("focus-areas/<int:pk>/edit/", parts.focus_area_edit, name="focus_area_edit"),
    path("focus-areas/<int:pk>/delete/", parts.focus_area_delete, name="focus_area_delete"),
    path("focus-areas/<int:pk>/move/", parts.focus_area_move, name="focus_area_move"),
    path("plans/<int:plan_pk>/sections/", parts.section_list, name="section_list"),
    path("plans/<int:plan_pk>/sections/new/", parts.section_create, name="section_create"),
    path("sections/<int:pk>/edit/", parts.section_edit, name="section_edit"),
    path("sections/<int:pk>/delete/", parts.section_delete, name="section_delete"),
    path("sections/<int:pk>/move/", parts.section_move, name="section_move"),
    path("plans/<int:plan_pk>/actors/", parts.actor_list, name="actor_list"),
    path("plans/<int:plan_pk>/actors/new/", parts.actor_create, name="actor_create"),
    path("actors/<int:pk>/edit/", parts.actor_edit, name="actor_edit"),
    path("actors/<int:pk>/delete/", parts.actor_delete, name="actor_delete"),
    path("actors/<int:pk>/move/", parts.actor_move, name="actor_move"),
    path("duties/<int:pk>/move/", parts.duty_move, name="duty_move"),
    path("plans/<int:plan_pk>/milestones/", parts.milestone_list, name="milestone_list"),
    path("plans/<int:plan_pk>/milestones/new/", parts.milestone_create, name="milestone_create"),
    path("milestones/<int:pk>/edit/", parts.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/delete/", parts.milestone_delete, name="milestone_delete"),
    path("plans/<int:plan_pk>/routines/", routines.routine_list, name="routine_list"),
    path("plans/<int:plan_pk>/routines/new/", routines.routine_create, name="routine_create"),
    path("routines/<int:pk>/", routines.routine_detail, name="routine_detail"),
    path("routines/<int:pk>/edit/", routines.routine_edit, name="routine_edit"),
    path("routines/<int:pk>/delete/", routines.routine_delete, name="routine_delete"),
    path("routines/<int:pk>/move/", routines.routine_move, name="routine_move"),
    path("routines/<int:pk>/review/", reviews.routine_review, name="routine_review"),
    path("routines/<int:pk>/read/", reading.routine_page, name="routine_page"),
    path("routines/<int:pk>/read.pdf", reading.routine_pdf, name="routine_pdf"),
    path("routines/<int:pk>/read/units/<int:unit_pk>/", reading.routine_page_of_unit, name="routine_page_of_unit"),
    path("routines/<int:pk>/read/units/<int:unit_pk>.pdf", reading.routine_pdf_of_unit, name="routine_pdf_of_unit"),
    path("routines/<int:routine_pk>/units/<int:unit_pk>/", routines.routine_unit_text, name="routine_unit_text"),
    path("routines/<int:pk>/attachments/new/", attachments.routine_attachment_create, name="routine_attachment_create"),
    path("routine-attachments/<int:pk>/", attachments.routine_attachment_download, name="routine_attachment_download"),
    path(
        "routine-attachments/<int:pk>/delete/", attachments.routine_attachment_delete, name="routine_attachment_delete"
    ),
    path("sections/<int:pk>/attachments/new/", attachments.section_attachment_create, name="section_attachment_create"),
    path("section-attachments/<int:pk>/", attachments.section_attachment_download, name="section_attachment_download"),
    path(
        "section-attachments/<int:pk>/delete/", attachments.section_attachment_delete, name="section_attachment_delete"
    ),
    path("municipalities/<int:municipality_pk>/units/", routines.unit_list, name="unit_list"),
    path("municipalities/<int:municipality_pk>/look/", look.municipality_look, name="municipality_look"),
    path("municipalities/<int:municipality_pk>/units/new/", routines.unit_create, name="unit_create"),
    path("units/<int:pk>/edit/", routines.unit_edit, name="unit_edit"),
    path("units/<int:pk>/delete/", routines.unit_delete, name="unit_delete"),
]
