"""The statements the law asks of a public web solution: privacy and accessibility. Public pages."""

from django.conf import settings
from django.shortcuts import render

from .models import AccessibilityStatement


def privacy(request):
    # The page states the lifetimes the code applies, so they are read from the settings that set them.
    return render(
        request,
        "ops/privacy.html",
        {
            "controller": settings.DATA_CONTROLLER,
            "controller_contact": settings.DATA_CONTROLLER_CONTACT,
            "protection_officer": settings.DATA_PROTECTION_OFFICER,
            "idle_minutes": settings.SESSION_COOKIE_AGE // 60,
            "absolute_hours": settings.SESSION_ABSOLUTE_TIMEOUT // 3600,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "login_log_days": settings.LOGIN_LOG_DAYS,
            "reset_window_minutes": int(settings.PASSWORD_RESET_LIMIT_WINDOW.total_seconds() // 60),
        },
    )


def accessibility_statement(request):
    return render(
        request,
        "ops/accessibility_statement.html",
        {"statement": AccessibilityStatement.objects.current(), "controller": settings.DATA_CONTROLLER},
    )
