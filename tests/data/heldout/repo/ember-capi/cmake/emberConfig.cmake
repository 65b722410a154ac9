# emberConfig.cmake - imported targets ember::ember (shared) and ember::static
get_filename_component(_ember_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)

add_library(ember::ember SHARED IMPORTED)
add_library(ember::static STATIC IMPORTED)

if(WIN32)
  set_target_properties(ember::ember PROPERTIES
    IMPORTED_LOCATION "${_ember_prefix}/bin/ember.dll"
    IMPORTED_IMPLIB "${_ember_prefix}/lib/ember.dll.lib")
  set_target_properties(ember::static PROPERTIES
    IMPORTED_LOCATION "${_ember_prefix}/lib/ember.lib"
    INTERFACE_LINK_LIBRARIES "ntdll;userenv;ws2_32;bcrypt")
else()
  set_target_properties(ember::ember PROPERTIES
    IMPORTED_LOCATION "${_ember_prefix}/lib/${CMAKE_SHARED_LIBRARY_PREFIX}ember${CMAKE_SHARED_LIBRARY_SUFFIX}")
  set_target_properties(ember::static PROPERTIES
    IMPORTED_LOCATION "${_ember_prefix}/lib/libember.a"
    INTERFACE_LINK_LIBRARIES "pthread;dl;m")
endif()

foreach(_t ember::ember ember::static)
  set_target_properties(${_t} PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${_ember_prefix}/include")
endforeach()
