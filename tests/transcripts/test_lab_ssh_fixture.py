"""The pytest plugin's `asa_lab_ssh` fixture: a lab's SSH server on free ports for one test,
with netmiko and scrapli parameters for both units and the lab-control port."""

from __future__ import annotations

import asyncio
import socket

import pytest
from netmiko import ConnectHandler
from scrapli import AsyncScrapli
from scrapli.driver.generic import AsyncGenericDriver

from asa_emulator.lab.spec import LabError
from asa_emulator.transcript.background import BackgroundLab

pytest_plugins = ("pytester",)

SHOW = "show failover | include This host|Group 1"


def refused(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def test_the_fixture_gives_netmiko_parameters_and_control(asa_lab_ssh: BackgroundLab) -> None:
    assert set(asa_lab_ssh.ports) == {"primary", "secondary", "control"}
    assert asa_lab_ssh.netmiko["secondary"] == {
        "device_type": "cisco_asa", "host": "127.0.0.1", "port": asa_lab_ssh.ports["secondary"],
        "username": "admin", "password": "cisco", "secret": "cisco"}
    with ConnectHandler(**asa_lab_ssh.netmiko["control"]) as control:
        assert control.send_command("@power off primary", expect_string=r"lab>") == ""
    asa_lab_ssh.directive("@wait 30s")
    with ConnectHandler(**asa_lab_ssh.netmiko["secondary"]) as asa:
        asa.send_command("changeto system", expect_string=r"#", cmd_verify=False)
        out = asa.send_command(SHOW, expect_string=r"#", cmd_verify=False)
    assert out.splitlines()[1:3] == ["  This host:    Secondary", "  Group 1       State:          Active"]


def test_the_fixture_gives_scrapli_parameters(asa_lab_ssh: BackgroundLab) -> None:
    assert asa_lab_ssh.scrapli["primary"] == {
        "host": "127.0.0.1", "port": asa_lab_ssh.ports["primary"], "auth_username": "admin",
        "auth_password": "cisco", "auth_secondary": "cisco", "auth_strict_key": False,
        "ssh_config_file": False, "transport": "asyncssh", "platform": "cisco_asa"}

    async def main() -> tuple[str, str]:
        async with AsyncScrapli(**asa_lab_ssh.scrapli["primary"]) as conn:
            curpriv = (await conn.send_command("show curpriv")).result
        async with AsyncGenericDriver(**asa_lab_ssh.scrapli["control"]) as control:
            status = (await control.send_command("@status")).result
        return curpriv, status

    curpriv, status = asyncio.run(main())
    assert curpriv.splitlines()[1] == "Current privilege level : 15"
    assert status.splitlines()[1] == "unit       power  role       failover  group 1        group 2"


@pytest.mark.asa_lab("blank")
def test_the_marker_names_the_lab(asa_lab_ssh: BackgroundLab) -> None:
    assert asa_lab_ssh.summary().name == "blank"


@pytest.mark.parametrize("asa_lab_ssh", ["transcripts/labs/active-standby"], indirect=True)
def test_an_indirect_parameter_names_the_lab(asa_lab_ssh: BackgroundLab) -> None:
    assert [u.states for u in asa_lab_ssh.summary().units] == [("Active",), ("Standby Ready",)]


def test_the_server_is_gone_after_stop() -> None:
    with BackgroundLab() as served:
        ports = dict(served.ports)
        assert not refused(ports["primary"])
    assert all(refused(port) for port in ports.values())


def test_a_bad_lab_is_a_lab_error_and_leaves_no_thread() -> None:
    import threading
    with pytest.raises(LabError, match="nosuchlab"):
        BackgroundLab("nosuchlab").start()
    assert "asa-lab-nosuchlab" not in [t.name for t in threading.enumerate()]


def test_a_test_project_uses_the_fixture_with_netmiko(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_failover="""
        import pytest
        from netmiko import ConnectHandler

        def test_primary_fails_and_secondary_takes_over(asa_lab_ssh):
            asa_lab_ssh.directive("@power off primary")
            asa_lab_ssh.directive("@wait 30s")
            with ConnectHandler(**asa_lab_ssh.netmiko["secondary"]) as asa:
                asa.send_command("changeto system", expect_string=r"#", cmd_verify=False)
                out = asa.send_command("show failover | include This host|Group 1",
                                       expect_string=r"#", cmd_verify=False)
            assert "  Group 1       State:          Active" in out.splitlines()

        @pytest.mark.asa_lab("blank")
        def test_blank_lab_has_no_ssh_login(asa_lab_ssh):
            from netmiko.exceptions import NetmikoAuthenticationException
            with pytest.raises(NetmikoAuthenticationException):
                ConnectHandler(**asa_lab_ssh.netmiko["primary"])
    """)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--strict-markers")
    result.assert_outcomes(passed=2)


def test_a_project_that_does_not_ask_gets_no_server(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_plain="""
        import threading
        def test_nothing_started():
            assert not [t for t in threading.enumerate() if t.name.startswith("asa-lab-")]
    """)
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)
