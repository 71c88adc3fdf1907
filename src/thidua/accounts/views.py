from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from thidua.organizations.selectors import people_for, units_for


@login_required
def home(request):
    user = request.user
    context = {
        "unit_count": units_for(user).count(),
        "people_count": people_for(user).filter(active=True).count(),
    }
    return render(request, "accounts/home.html", context)


@login_required
def profile(request):
    return render(request, "accounts/profile.html")
