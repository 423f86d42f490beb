package converge.rules.terraform.azure_app_service_ftp_allowed_test

import rego.v1

import data.converge.rules.terraform.azure_app_service_ftp_allowed as rule

test_allowed_and_missing_are_reported_with_their_case if {
	doc := {"resource": {
		"azurerm_app_service": {
			"old_missing": {},
			"old_all": {"site_config": [{"ftps_state": "AllAllowed"}]},
		},
		"azurerm_linux_web_app": {"linux": {"site_config": [{}]}},
		"azurerm_windows_web_app": {"windows": {"site_config": [{"ftps_state": "AllAllowed"}]}},
	}}
	fs := rule.findings with input as doc
	{[f.route[2], f.case] | some f in fs} == {
		["old_missing", "allowed"],
		["old_all", "allowed"],
		["linux", "provider_default"],
		["windows", "allowed"],
	}
	some f in fs
	f.route == ["resource", "azurerm_windows_web_app", "windows", "site_config", 0, "ftps_state"]
	f.msg == `azurerm_windows_web_app.windows allows plain FTP deployments: site_config.ftps_state = "AllAllowed"`
}

test_a_web_app_on_the_provider_default_says_so if {
	doc := {"resource": {"azurerm_linux_web_app": {"w": {"site_config": [{}]}}}}
	some f in rule.findings with input as doc
	f.msg == `azurerm_linux_web_app.w does not write down site_config.ftps_state (the provider default, "Disabled", applies)`
}

test_values_are_case_sensitive if {
	doc := {"resource": {"azurerm_linux_web_app": {"w": {"site_config": [{"ftps_state": "disabled"}]}}}}
	some f in rule.findings with input as doc
	f.case == "allowed"
}

test_disabled_and_ftps_only_are_clean if {
	doc := {"resource": {
		"azurerm_app_service": {"a": {"site_config": [{"ftps_state": "Disabled"}]}},
		"azurerm_linux_web_app": {"b": {"site_config": [{"ftps_state": "FtpsOnly"}]}},
	}}
	count(rule.findings) == 0 with input as doc
}

test_variables_and_dynamic_blocks_are_not_reported if {
	doc := {"resource": {"azurerm_windows_web_app": {
		"var": {"site_config": [{"ftps_state": "${var.ftps_state}"}]},
		"dyn": {"dynamic": {"site_config": [{"for_each": [1], "content": [{}]}]}},
	}}}
	count(rule.findings) == 0 with input as doc
}
